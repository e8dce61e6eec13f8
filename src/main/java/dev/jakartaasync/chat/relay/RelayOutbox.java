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
 */
final class RelayOutbox {

  private final String node;
  private final int maxLines;
  private final long maxBytes;

  // Guarded by this.
  private final Deque<RelayEntry> lines = new ArrayDeque<>();
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

  /** Forgets the lines up to {@code seq}: Redis has them. */
  synchronized void removeUpTo(long seq) {
    while (!lines.isEmpty() && lines.peekFirst().seq() <= seq) {
      bytes -= lines.removeFirst().bytes();
    }
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
