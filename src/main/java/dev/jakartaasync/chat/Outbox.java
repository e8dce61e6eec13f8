package dev.jakartaasync.chat;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One member's outgoing lines: kept in order, sent one at a time, bounded.
 *
 * <p>Why one at a time: the WebSocket spec lets a container refuse a second send on a session while
 * one is in progress (Undertow does, with an {@code IllegalStateException}), so the next line is
 * sent only when the previous one has been written. Why a queue per member: a member that reads
 * slowly only makes its own queue grow; nobody waits for it. Why bounded: a member that stops
 * reading would otherwise hold every later line in memory; past the {@link Backlog} it is closed
 * with 1008 (Policy Violation) and leaves the room.
 *
 * <p>Every send starts on {@code sender} (the {@link SendPump}, container-managed threads): never
 * on the thread that reports a completed write, which may be one the container does not expect an
 * application to send from.
 */
final class Outbox {

  static final int TOO_SLOW = 1008;

  private final Wire wire;
  private final Backlog backlog;
  private final Executor sender;
  private final Executor closer;
  private final Runnable leave;

  // Guarded by this.
  private final Queue<ChatLine> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean sending;
  private boolean closed;

  /**
   * @param sender starts every send, one step at a time
   * @param closer closes a member that fell too far behind: a close may wait for the member's
   *     connection (on Payara, until its write timeout), so never on {@code sender}
   * @param leave removes the member from its room, once the outbox gave up on it
   */
  Outbox(Wire wire, Backlog backlog, Executor sender, Executor closer, Runnable leave) {
    this.wire = wire;
    this.backlog = backlog;
    this.sender = sender;
    this.closer = closer;
    this.leave = leave;
  }

  /** Queues a line; returns at once. Drops the member if this line would exceed its backlog. */
  void offer(ChatLine line) {
    boolean start = false;
    boolean overflow = false;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (backlog.exceededBy(queue.size() + 1, queuedBytes + line.bytes())) {
        overflow = true;
        closeLocked();
      } else {
        queue.add(line);
        queuedBytes += line.bytes();
        if (!sending) {
          sending = true;
          start = true;
        }
      }
    }
    if (overflow) {
      closer.execute(this::dropTooSlow);
    } else if (start) {
      sender.execute(this::sendNext);
    }
  }

  /** Stops sending and frees the queue; the member has left. */
  synchronized void discard() {
    closeLocked();
  }

  synchronized int queuedLines() {
    return queue.size();
  }

  private void sendNext() {
    ChatLine next;
    synchronized (this) {
      next = closed ? null : queue.poll();
      if (next == null) {
        sending = false;
        return;
      }
      queuedBytes -= next.bytes();
    }
    try {
      wire.send(next.text(), this::sent);
    } catch (RuntimeException closedMeanwhile) {
      sent(closedMeanwhile);
    }
  }

  /** Called when a write completed, on whatever thread the container chose. */
  private void sent(Throwable failure) {
    if (failure != null) {
      // The connection is broken: stop, and leave the room (no need to wait for @OnClose).
      discard();
      sender.execute(leave);
      return;
    }
    boolean more;
    synchronized (this) {
      more = !closed && !queue.isEmpty();
      if (!more) {
        sending = false;
      }
    }
    if (more) {
      sender.execute(this::sendNext);
    }
  }

  private void dropTooSlow() {
    sender.execute(leave);
    wire.close(
        TOO_SLOW,
        "Too slow: more than "
            + backlog.maxLines()
            + " lines or "
            + backlog.maxBytes()
            + " bytes waiting");
  }

  private void closeLocked() {
    closed = true;
    queue.clear();
    queuedBytes = 0;
  }

  /** The member's connection, as far as the outbox needs it. */
  interface Wire {
    /** Starts writing {@code text}; {@code whenWritten} gets null on success, else the failure. */
    void send(String text, Consumer<Throwable> whenWritten);

    void close(int code, String reason);
  }
}
