package io.timerbeam.model;

/**
 * How a Timer-XL autoregressive call after the first normalises its input (docs/timer-xl-model.md,
 * "Forecasting a series"). The two Hugging Face modes give different numbers beyond the first
 * chunk. Timer-S1 normalises the context once and ignores this.
 */
public enum Renormalisation {
  /** The checkpoint's {@code use_cache}: true (the release) means {@link #NEW_CHUNK_ONLY}. */
  FOLLOW_CHECKPOINT,
  /** HF {@code use_cache=True}: a later call reads only the chunk just appended, normalised by its own mean and std. */
  NEW_CHUNK_ONLY,
  /** HF {@code use_cache=False}: every call re-reads and re-normalises the context plus everything appended. */
  WHOLE_SERIES
}
