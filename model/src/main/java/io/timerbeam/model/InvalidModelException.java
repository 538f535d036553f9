package io.timerbeam.model;

/** A checkpoint (config or weights) that cannot be loaded; the message names the file, key or tensor. */
public class InvalidModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidModelException(String message) {
    super(message);
  }

  public InvalidModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
