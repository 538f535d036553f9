package io.timerbeam.io;

/** A record that cannot become an observation; the message is the failure row's reason. */
final class InvalidObservationException extends Exception {
  InvalidObservationException(String reason) {
    super(reason);
  }
}
