package dev.jakartaasync.bench;

import io.gatling.javaapi.core.Session;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The measured part of one scenario, recorded by the simulation itself around each request: the
 * wall time from the first request sent to the last response received, every request's latency, and
 * how many succeeded (all checks passed) or failed (a check, a reset, a timeout).
 *
 * <p>Gatling's report has latencies too, but not the wall time of a burst, and its run duration
 * includes its own start-up: this record is the number {@code docs/BENCHMARKS.md} quotes.
 */
final class LoadRecord {

  private static final String STARTED = "bench.startedNanos";

  private final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);
  private final AtomicInteger ok = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final long[] latenciesNanos;
  private final AtomicInteger recorded = new AtomicInteger();

  LoadRecord(int maxRequests) {
    this.latenciesNanos = new long[maxRequests];
  }

  /** Session hook: just before the request is sent. */
  Session started(Session session) {
    long now = System.nanoTime();
    firstStart.accumulateAndGet(now, Math::min);
    return session.set(STARTED, now);
  }

  /** Session hook: right after the response (or the failure) came back. */
  Session finished(Session session) {
    long now = System.nanoTime();
    lastEnd.accumulateAndGet(now, Math::max);
    if (session.isFailed()) {
      failed.incrementAndGet();
      return session.markAsSucceeded();
    }
    ok.incrementAndGet();
    int slot = recorded.getAndIncrement();
    if (slot < latenciesNanos.length) {
      latenciesNanos[slot] = now - session.getLong(STARTED);
    }
    return session;
  }

  int ok() {
    return ok.get();
  }

  int failed() {
    return failed.get();
  }

  double wallSeconds() {
    return ok.get() + failed.get() == 0 ? Double.NaN : (lastEnd.get() - firstStart.get()) / 1e9;
  }

  /** Latency percentile in milliseconds over the successful requests, nearest-rank. */
  double percentileMillis(double percentile) {
    int n = Math.min(recorded.get(), latenciesNanos.length);
    if (n == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(latenciesNanos, n);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100.0 * n);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }

  String counts() {
    return String.format("ok=%d errors=%d", ok(), failed());
  }
}
