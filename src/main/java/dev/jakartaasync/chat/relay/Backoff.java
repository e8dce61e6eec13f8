package dev.jakartaasync.chat.relay;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next reconnect: doubling from {@code first} up to {@code cap}, each
 * wait drawn at random between half and all of it ("equal jitter"). Why jitter: after a Redis
 * restart every instance (two loops each) would otherwise reconnect in lockstep. Why a low cap (2
 * s): a restarted Redis is back in use within about two seconds, and the outbox holds the lines
 * meanwhile. One per loop; not thread-safe.
 */
final class Backoff {

  private final Duration first;
  private final Duration cap;
  private final DoubleSupplier random;
  private Duration next;

  /**
   * @param random values in [0, 1): {@code ThreadLocalRandom} in the server, fixed in tests
   */
  Backoff(Duration first, Duration cap, DoubleSupplier random) {
    this.first = first;
    this.cap = cap;
    this.random = random;
    this.next = first;
  }

  Duration next() {
    Duration full = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(cap) > 0 ? cap : doubled;
    long half = full.toNanos() / 2;
    return Duration.ofNanos(half + (long) (random.getAsDouble() * (full.toNanos() - half)));
  }

  /** A connection worked: the next failure starts again from {@code first}. */
  void reset() {
    next = first;
  }
}
