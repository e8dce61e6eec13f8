package dev.jakartaasync.core;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The waits in progress, earliest first: what {@link Delays} keeps instead of one container timer
 * per wait. Adding, cancelling and taking are lock-free, so thousands of request threads can add
 * while the tick takes. Plain Java, so its logic is unit-tested with a hand-moved clock.
 */
final class PendingWakeups {

  private final ConcurrentSkipListSet<Wakeup> pending = new ConcurrentSkipListSet<>();

  /** Breaks ties between wakeups due at the same nanosecond, so that none replaces another. */
  private final AtomicLong sequence = new AtomicLong();

  /** Registers {@code action} to run once {@code dueNanos} (a {@code System.nanoTime()}) passed. */
  Wakeup add(long dueNanos, Runnable action) {
    var wakeup = new Wakeup(dueNanos, sequence.getAndIncrement(), action);
    pending.add(wakeup);
    return wakeup;
  }

  /** Forgets {@code wakeup}; true if it had not been taken yet. */
  boolean cancel(Wakeup wakeup) {
    if (!pending.remove(wakeup)) {
      return false;
    }
    wakeup.release();
    return true;
  }

  /** Removes every wakeup due at {@code nowNanos} and returns their actions, earliest first. */
  List<Runnable> takeDue(long nowNanos) {
    // Called every tick, mostly with nothing due: no list is made until something is.
    List<Runnable> due = List.of();
    while (true) {
      Wakeup first;
      try {
        first = pending.first();
      } catch (NoSuchElementException empty) {
        return due;
      }
      if (first.dueNanos - nowNanos > 0) {
        return due;
      }
      // False only if it was cancelled in between: then it must not run.
      if (pending.remove(first)) {
        if (due.isEmpty()) {
          due = new ArrayList<>();
        }
        due.add(first.release());
      }
    }
  }

  /** Linear in the number of waits: for status pages and tests, not for every tick. */
  int size() {
    return pending.size();
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  /** One registered wait. Ordered by due time; nanoTime values compare by difference (overflow). */
  static final class Wakeup implements Comparable<Wakeup> {
    private final long dueNanos;
    private final long sequence;

    /** Null once taken or cancelled: see {@link #release}. */
    private Runnable action;

    private Wakeup(long dueNanos, long sequence, Runnable action) {
      this.dueNanos = dueNanos;
      this.sequence = sequence;
      this.action = action;
    }

    /**
     * The action, forgotten here. Why: the set's removed nodes stay linked to the nodes after them,
     * and a removed node that the collector had already promoted keeps those alive until the next
     * full collection. A wakeup that still held its action would keep its whole request (the
     * suspended response and everything it refers to) alive with it, and promote it in turn, one
     * request after the other (docs/EFFICIENCY-NOTES.md, section 15). Called only by the thread
     * whose {@code remove} succeeded, so once.
     */
    private Runnable release() {
      Runnable taken = action;
      action = null;
      return taken;
    }

    /** For tests: whether this wakeup still refers to its action. */
    boolean holdsAction() {
      return action != null;
    }

    @Override
    public int compareTo(Wakeup other) {
      int byTime = Long.signum(dueNanos - other.dueNanos);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }
}
