package io.timerbeam.cli.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read as a stream whose {@code read} fails with {@link HttpTimeoutException} when
 * no byte arrives for the read timeout, and then drops the connection. java.net.http's own
 * {@code ofInputStream} waits forever on a stalled transfer: its timeout covers the headers only.
 */
final class TimedBodyStream extends InputStream implements HttpResponse.BodySubscriber<InputStream> {
  private static final Object END = new Object();

  private final Duration readTimeout;
  /** Lists of buffers as they arrive, then END or the failure. */
  private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
  private Flow.Subscription subscription;
  private boolean closed;
  private Iterator<ByteBuffer> buffers = Collections.emptyIterator();
  private ByteBuffer current = ByteBuffer.allocate(0);
  private boolean ended;

  TimedBodyStream(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  static HttpResponse.BodyHandler<InputStream> handler(Duration readTimeout) {
    return info -> new TimedBodyStream(readTimeout);
  }

  @Override
  public synchronized void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (closed) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    arrivals.add(item);
  }

  @Override
  public void onError(Throwable failure) {
    arrivals.add(failure);
  }

  @Override
  public void onComplete() {
    arrivals.add(END);
  }

  @Override
  public CompletionStage<InputStream> getBody() {
    return CompletableFuture.completedStage(this);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (!current.hasRemaining()) {
      if (buffers.hasNext()) {
        current = buffers.next();
        continue;
      }
      if (ended) {
        return -1;
      }
      Object next = nextArrival();
      if (next == END) {
        ended = true;
        return -1;
      }
      if (next instanceof Throwable failure) {
        ended = true;
        throw failure instanceof IOException io ? io : new IOException(failure);
      }
      @SuppressWarnings("unchecked") List<ByteBuffer> list = (List<ByteBuffer>) next;
      buffers = list.iterator();
      requestMore();
    }
    int n = Math.min(length, current.remaining());
    current.get(into, offset, n);
    return n;
  }

  private Object nextArrival() throws IOException {
    Object next;
    try {
      next = arrivals.poll(readTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new InterruptedIOException("interrupted while reading the response");
    }
    if (next == null) {
      close();
      throw new HttpTimeoutException("no data for " + readTimeout.toMillis() / 1000.0 + " s (HF_HUB_DOWNLOAD_TIMEOUT)");
    }
    return next;
  }

  private synchronized void requestMore() {
    if (!closed) {
      subscription.request(1);
    }
  }

  /** Stops the transfer: the connection is dropped unless the body was read to its end. */
  @Override
  public synchronized void close() {
    if (!closed && subscription != null && !ended) {
      subscription.cancel();
    }
    closed = true;
    ended = true;
  }
}
