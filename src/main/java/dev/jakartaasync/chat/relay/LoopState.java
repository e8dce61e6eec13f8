package dev.jakartaasync.chat.relay;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Whether a relay loop should go on, a pause between reconnects that {@link #stop} cuts short, and
 * a way to wait until the loop has really ended (so that {@code @PreDestroy} leaves no thread).
 */
final class LoopState {

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch ended = new CountDownLatch(1);

  boolean running() {
    return stopRequested.getCount() > 0;
  }

  /**
   * @return whether the loop should go on
   */
  boolean pause(Duration duration) {
    try {
      return !stopRequested.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      stop();
      return false;
    }
  }

  void stop() {
    stopRequested.countDown();
  }

  /** The loop calls this last, whatever ended it. */
  void markEnded() {
    ended.countDown();
  }

  /**
   * @return whether the loop ended within {@code timeout}
   */
  boolean awaitEnd(Duration timeout) {
    try {
      return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
