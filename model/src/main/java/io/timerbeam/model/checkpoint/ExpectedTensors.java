package io.timerbeam.model.checkpoint;

import io.timerbeam.model.InvalidModelException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Checks the tensor names and shapes a family's config implies against a checkpoint in one pass,
 * so that every missing, unexpected or misshapen tensor is reported together.
 */
public final class ExpectedTensors {
  /** Rotary tables some exports carry (non-persistent buffers in the Hugging Face code); recomputed here, so ignored. */
  private static final String ROTARY_BUFFER = "rotary_emb.";

  private ExpectedTensors() {}

  /** Throws one {@link InvalidModelException} listing every departure from the expected set. */
  public static void check(Map<String, long[]> expected, Map<String, TensorInfo> present, String where) {
    List<String> missing = new ArrayList<>();
    List<String> misshapen = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    for (Map.Entry<String, long[]> e : expected.entrySet()) {
      TensorInfo t = present.get(e.getKey());
      if (t == null) {
        missing.add(e.getKey() + Arrays.toString(e.getValue()));
      } else if (!Arrays.equals(t.shape(), e.getValue())) {
        misshapen.add(e.getKey() + " is " + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(e.getValue()));
      }
    }
    for (String name : present.keySet()) {
      if (!expected.containsKey(name) && !name.contains(ROTARY_BUFFER)) {
        unexpected.add(name);
      }
    }
    if (missing.isEmpty() && misshapen.isEmpty() && unexpected.isEmpty()) {
      return;
    }
    StringBuilder msg = new StringBuilder(where).append(" does not match its config.json:");
    append(msg, "missing tensors", missing);
    append(msg, "wrongly shaped tensors", misshapen);
    append(msg, "unexpected tensors", unexpected);
    throw new InvalidModelException(msg.toString());
  }

  private static void append(StringBuilder msg, String label, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    msg.append("\n  ").append(items.size()).append(' ').append(label).append(": ");
    msg.append(String.join(", ", items.subList(0, Math.min(20, items.size()))));
    if (items.size() > 20) {
      msg.append(", ... (").append(items.size() - 20).append(" more)");
    }
  }
}
