package io.timerbeam.cli.hub;

import java.io.IOException;

/** The hub answered with an HTTP error; {@link #status()} tells which. */
public final class HubException extends IOException {
  private final int status;

  public HubException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** A 4xx other than 408 and 429: the request named something missing or forbidden, which retrying will not fix. */
  public boolean isClientError() {
    return status >= 400 && status < 500 && status != 408 && status != 429;
  }
}
