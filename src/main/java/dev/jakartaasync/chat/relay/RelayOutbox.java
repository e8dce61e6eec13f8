package dev.jakartaasync.chat.relay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The lines said here that are not yet in the stream, in the order they were said: what keeps them
 * while Redis is unreachable (guarantee 3).
 *
 * <p>Why {@link #offer} never blocks and never throws: it runs on the WebSocket thread of the
 * member who spoke, and the room has already delivered the line to the members here (local first);
 * Redis being slow or gone must not reach that thread. Why bounded: a Redis that stays away would
 * otherwise take the heap with it. Past {@code maxLines} or {@code maxBytes} the OLDEST lines go:
 * the newest are the ones a reconnecting reader most wants, and the readers count the hole in the
 * sequence as a gap.
 *
 * <p>Why the writer removes lines only after Redis confirmed them ({@link #removeUpTo}): a line
 * whose append failed stays and is appended again after the reconnect. Removal goes by sequence
 * number, not by count, because lines may have been dropped from the head meanwhile.
 *
 * <p>Why confirmed lines are kept a little longer ({@link #replayConfirmedSince}): Redis confirms
 * an append before the other instances have read it. If Redis then restarts without persistence,
 * the line is gone for every reader that had not read it yet. The writer notices the new Redis run
 * and appends the lines confirmed shortly before it again; readers that had them drop them as
 * duplicates.
 */
final class RelayOutbox {

  private final String node;
  private final int maxLines;
  private final long maxBytes;

  /** How many confirmed lines are kept for {@link #replayConfirmedSince}. */
  static final int CONFIRMED_KEPT = 1000;

  /** A line Redis confirmed, and when. */
  private record Confirmed(RelayEntry entry, long atNanos) {}

  // Guarded by this.
  private final Deque<RelayEntry> lines = new ArrayDeque<>();
  private final Deque<Confirmed> confirmed = new ArrayDeque<>();
  private long bytes;
  private long lastSeq;
  private long dropped;
  private boolean woken;

  RelayOutbox(String node, int maxLines, long maxBytes) {
    this.node = node;
    this.maxLines = maxLines;
    this.maxBytes = maxBytes;
  }

  /**
   * Queues a line said here with the next sequence number, and wakes the writer.
   *
   * @return how many old lines were dropped to make room (0 almost always)
   */
  synchronized int offer(String text, int textBytes) {
    RelayEntry entry = new RelayEntry(node, ++lastSeq, text, textBytes);
    lines.addLast(entry);
    bytes += textBytes;
    int droppedNow = 0;
    // The line just added stays even if alone it exceeds maxBytes: the chat's own limit (4 KiB
    // per message) keeps every line far below the bound.
    while (lines.size() > 1 && (lines.size() > maxLines || bytes > maxBytes)) {
      bytes -= lines.removeFirst().bytes();
      droppedNow++;
    }
    dropped += droppedNow;
    notifyAll();
    return droppedNow;
  }

  /**
   * The oldest lines, at most {@code max}, without removing them; waits up to {@code wait} for one
   * if there is none. Empty if none came or {@link #wakeUp} was called.
   */
  synchronized List<RelayEntry> peek(int max, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (lines.isEmpty() && !woken) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    woken = false;
    List<RelayEntry> batch = new ArrayList<>(Math.min(max, lines.size()));
    for (RelayEntry entry : lines) {
      if (batch.size() == max) {
        break;
      }
      batch.add(entry);
    }
    return batch;
  }

  /** Takes the lines up to {@code seq} out of the queue: Redis has them. */
  synchronized void removeUpTo(long seq) {
    long now = System.nanoTime();
    while (!lines.isEmpty() && lines.peekFirst().seq() <= seq) {
      RelayEntry entry = lines.removeFirst();
      bytes -= entry.bytes();
      confirmed.addLast(new Confirmed(entry, now));
      if (confirmed.size() > CONFIRMED_KEPT) {
        confirmed.removeFirst();
      }
    }
  }

  /**
   * Puts the lines Redis confirmed at {@code sinceNanos} ({@link System#nanoTime}) or later back at
   * the head of the queue, in order, ahead of the lines not yet appended: the Redis that confirmed
   * them is gone.
   *
   * @return how many lines are to be appended again
   */
  synchronized int replayConfirmedSince(long sinceNanos) {
    int again = 0;
    while (!confirmed.isEmpty() && confirmed.peekLast().atNanos() - sinceNanos >= 0) {
      RelayEntry entry = confirmed.removeLast().entry();
      lines.addFirst(entry);
      bytes += entry.bytes();
      again++;
    }
    confirmed.clear();
    return again;
  }

  /** Ends a {@link #peek} that is waiting: the writer is being stopped. */
  synchronized void wakeUp() {
    woken = true;
    notifyAll();
  }

  synchronized int lines() {
    return lines.size();
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized long dropped() {
    return dropped;
  }
}
