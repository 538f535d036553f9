package io.timerbeam.model.checkpoint;

import io.timerbeam.model.InvalidModelException;

/**
 * Refuses JSON nested deeper than a checkpoint ever is, before a parser sees it: deep nesting
 * would otherwise end in a StackOverflowError (an Error, not a clear message) when an element is
 * printed or walked.
 */
final class JsonNesting {
  /** Safetensors headers and configs are two or three levels deep. */
  static final int MAX_DEPTH = 64;

  private JsonNesting() {}

  static void check(String json, String where) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        if (++depth > MAX_DEPTH) {
          throw new InvalidModelException(where + ": JSON nested deeper than " + MAX_DEPTH + " levels (at character " + i + "); not a checkpoint file");
        }
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
  }
}
