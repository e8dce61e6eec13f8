package dev.jakartaasync.notification;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An accepted notification not yet written. Two paths may try to write it: the background writer
 * after the delay, and the shutdown drain. Whichever {@link #claim() claims} it first writes it;
 * the other does nothing. That is what makes "exactly once" hold across a shutdown.
 */
public final class PendingNotification {

  private final Notification notification;
  private final AtomicBoolean claimed = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);

  PendingNotification(Notification notification) {
    this.notification = notification;
  }

  Notification notification() {
    return notification;
  }

  /** True for exactly one caller: the one that must write it. */
  boolean claim() {
    return claimed.compareAndSet(false, true);
  }

  /** Written, or failed and reported. */
  void finish() {
    finished.countDown();
  }

  boolean awaitFinished(Duration atMost) throws InterruptedException {
    return finished.await(atMost.toNanos(), TimeUnit.NANOSECONDS);
  }
}
