package dev.jakartaasync.chat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One member's outgoing lines: kept in order, sent one at a time, bounded in size and in time.
 *
 * <p>Why one at a time: the WebSocket spec lets a container refuse a second send on a session while
 * one is in progress (Undertow does, with an {@code IllegalStateException}), so the next line is
 * sent only when the previous one has been written. Why a queue per member: a member that reads
 * slowly only makes its own queue grow; nobody waits for it. Why bounded: a member that stops
 * reading would otherwise hold every later line in memory; past the {@link Backlog} it is closed
 * with 1008 (Policy Violation) and leaves the room. Why a write timeout: with one send in flight, a
 * write whose completion never comes would hold every later line of that member forever, silently
 * (a quiet member never reaches the backlog bound); {@link #dropIfStuck} drops such a member too.
 *
 * <p>Every send starts on {@code sender} (the {@link SendPump}, container-managed threads): never
 * on the thread that reports a completed write, which may be one the container does not expect an
 * application to send from.
 */
final class Outbox {

  static final int TOO_SLOW = 1008;

  /** Going Away: the connection was idle too long, or the server is going down. */
  static final int IDLE = 1001;

  private static final long NOT_WRITING = Long.MIN_VALUE;

  private final Wire wire;
  private final Backlog backlog;
  private final Executor sender;
  private final Executor closer;
  private final Runnable leave;
  private final LongSupplier nanoClock;

  // Guarded by this.
  private final Queue<ChatLine> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean sending;
  private boolean closed;
  private long writeStartedNanos = NOT_WRITING;
  private long lastTrafficNanos;

  /**
   * @param sender starts every send, one step at a time
   * @param closer closes a member that fell too far behind: a close may wait for the member's
   *     connection (on Payara, until its write timeout), so never on {@code sender}
   * @param leave removes the member from its room, once the outbox gave up on it
   * @param nanoClock {@link System#nanoTime} in the server; the tests move it by hand
   */
  Outbox(
      Wire wire,
      Backlog backlog,
      Executor sender,
      Executor closer,
      Runnable leave,
      LongSupplier nanoClock) {
    this.wire = wire;
    this.backlog = backlog;
    this.sender = sender;
    this.closer = closer;
    this.leave = leave;
    this.nanoClock = nanoClock;
    this.lastTrafficNanos = nanoClock.getAsLong();
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
      closer.execute(
          () ->
              drop(
                  TOO_SLOW,
                  "Too slow: more than "
                      + backlog.maxLines()
                      + " lines or "
                      + backlog.maxBytes()
                      + " bytes waiting"));
    } else if (start) {
      sender.execute(this::sendNext);
    }
  }

  /**
   * Drops the member (1008, and it leaves) if its current write has not completed within {@link
   * Backlog#maxWriteTime}: its connection takes no more data, or the container lost the write's
   * completion. Called now and then by the room's sweep; cheap when nothing is stuck.
   *
   * @return whether this call dropped the member
   */
  boolean dropIfStuck(long nowNanos) {
    synchronized (this) {
      if (closed
          || writeStartedNanos == NOT_WRITING
          || nowNanos - writeStartedNanos < backlog.maxWriteTime().toNanos()) {
        return false;
      }
      closeLocked();
    }
    closer.execute(
        () ->
            drop(
                TOO_SLOW,
                "Too slow: a write took more than " + backlog.maxWriteTime().toSeconds() + " s"));
    return true;
  }

  /** The member sent something: its connection is alive. */
  synchronized void heard() {
    lastTrafficNanos = nanoClock.getAsLong();
  }

  /**
   * Closes the member with 1001 (and it leaves) if nothing went either way for {@code limit}: how a
   * peer that vanished without a close leaves a quiet room. A line on its way is not idleness (a
   * stuck write is {@link #dropIfStuck}'s case). Called now and then by the room's sweep.
   *
   * @return whether this call closed the member
   */
  boolean closeIfIdle(long nowNanos, Duration limit) {
    synchronized (this) {
      if (closed || sending || nowNanos - lastTrafficNanos < limit.toNanos()) {
        return false;
      }
      closeLocked();
    }
    closer.execute(() -> drop(IDLE, "Idle for " + limit.toSeconds() + " s"));
    return true;
  }

  /**
   * Closes the member at once, on the calling thread, without leaving the room through {@code
   * leave}: for the room's own shutdown, when the send threads may already be gone.
   */
  void closeNow(int code, String reason) {
    synchronized (this) {
      closeLocked();
    }
    wire.close(code, reason);
  }

  /** Stops sending and frees the queue; the member has left. */
  synchronized void discard() {
    closeLocked();
  }

  synchronized int queuedLines() {
    return queue.size();
  }

  /** How long the write in flight has been going on; zero when none is. */
  synchronized Duration writingFor(long nowNanos) {
    return writeStartedNanos == NOT_WRITING
        ? Duration.ZERO
        : Duration.ofNanos(nowNanos - writeStartedNanos);
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
      writeStartedNanos = nanoClock.getAsLong();
    }
    try {
      wire.send(next.text(), this::sent);
    } catch (RuntimeException closedMeanwhile) {
      sent(closedMeanwhile);
    }
  }

  /** Called when a write completed, on whatever thread the container chose. */
  private void sent(Throwable failure) {
    boolean more;
    synchronized (this) {
      writeStartedNanos = NOT_WRITING;
      lastTrafficNanos = nanoClock.getAsLong();
      if (failure != null) {
        closeLocked();
        more = false;
      } else {
        more = !closed && !queue.isEmpty();
        if (!more) {
          sending = false;
        }
      }
    }
    if (failure != null) {
      // The connection is broken: leave the room (no need to wait for @OnClose).
      sender.execute(leave);
    } else if (more) {
      sender.execute(this::sendNext);
    }
  }

  private void drop(int code, String reason) {
    sender.execute(leave);
    wire.close(code, reason);
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
