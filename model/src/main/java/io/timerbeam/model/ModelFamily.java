package io.timerbeam.model;

import io.timerbeam.model.checkpoint.ConfigJson;

/**
 * The model families this engine runs, told apart by {@code config.json}: {@code model_type}
 * when present, else the first entry of {@code architectures}.
 */
public enum ModelFamily {
  TIMER_S1("timer-s1", "Timer-S1", "TimerS1ForPrediction"),
  TIMER_XL("timer-xl", "timer", "TimerForPrediction");

  static final String MODEL_TYPE = "model_type";
  static final String ARCHITECTURES = "architectures";

  private final String id;
  private final String modelType;
  private final String architecture;

  ModelFamily(String id, String modelType, String architecture) {
    this.id = id;
    this.modelType = modelType;
    this.architecture = architecture;
  }

  /** "timer-s1" or "timer-xl": the prefix of model ids and {@link ForecastModel#family()}. */
  public String id() {
    return id;
  }

  /** The family a config names; an unknown or absent name is an error naming the key and value. */
  public static ModelFamily of(ConfigJson json) {
    String type = json.string(MODEL_TYPE, null);
    if (type != null) {
      for (ModelFamily f : values()) {
        if (f.modelType.equals(type)) {
          return f;
        }
      }
      throw json.invalid(MODEL_TYPE, "is \"" + type + "\", not a known model family (" + known() + ")");
    }
    String arch = json.firstString(ARCHITECTURES);
    if (arch != null) {
      for (ModelFamily f : values()) {
        if (f.architecture.equals(arch)) {
          return f;
        }
      }
      throw json.invalid(ARCHITECTURES, "starts with \"" + arch + "\", not a known model family (" + known() + ")");
    }
    throw new InvalidModelException(json.source() + ": neither config key '" + MODEL_TYPE + "' nor '" + ARCHITECTURES
        + "' names the model family (" + known() + ")");
  }

  private static String known() {
    StringBuilder s = new StringBuilder();
    for (ModelFamily f : values()) {
      s.append(s.length() == 0 ? "" : "; ").append(MODEL_TYPE).append(" \"").append(f.modelType).append("\" or ")
          .append(ARCHITECTURES).append(" [\"").append(f.architecture).append("\"] for ").append(f.id);
    }
    return s.toString();
  }
}
