package dev.jakartaasync.clock;

import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One open {@code /stream-time} stream: its sink, how many events it still wants, and a mailbox of
 * one that makes sure at most one send to it runs at a time.
 *
 * <p>Why a mailbox: Jersey's {@code send} writes on the caller's thread, and once a client stops
 * reading and its socket buffers are full, that write blocks until they drain or the write fails.
 * Meanwhile, and whenever the server falls behind, later ticks for this subscriber only replace the
 * pending one ({@link #offer}), they never pile up or take a second thread; a tick older than the
 * last one sent is dropped, so ids only grow.
 *
 * <p>Why {@code onGone}: a client that leaves is only noticed when a send fails, either through the
 * returned stage or by throwing at once (Payara: {@code isClosed()} never turns true). Either way
 * the subscriber takes itself out of the registry, or sinks would leak.
 */
final class Subscriber {

  private final SseEventSink sink;
  private final Sse sse;
  private final Consumer<Subscriber> onGone;
  private final AtomicReference<ClockTick> pending = new AtomicReference<>();
  private final AtomicBoolean sending = new AtomicBoolean();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile long lastSecond = Long.MIN_VALUE;
  private volatile int remaining;

  Subscriber(SseEventSink sink, Sse sse, StreamLength length, Consumer<Subscriber> onGone) {
    this.sink = sink;
    this.sse = sse;
    this.remaining = length.events();
    this.onGone = onGone;
  }

  /** Sends {@code tick} now, or right after the send in progress; never blocks on another send. */
  void offer(ClockTick tick) {
    // Keep the newest: a late send task must not replace a newer pending tick with its older one.
    pending.accumulateAndGet(
        tick,
        (current, offered) ->
            current == null || offered.second() > current.second() ? offered : current);
    drain();
  }

  /** Ends the stream from the server side (count reached, undeploy): closes the sink cleanly. */
  void end() {
    if (ended.compareAndSet(false, true)) {
      onGone.accept(this);
      try {
        sink.close();
      } catch (RuntimeException alreadyBroken) {
        // The client is gone already: nothing left to close.
      }
    }
  }

  private void drain() {
    while (!ended.get() && pending.get() != null && sending.compareAndSet(false, true)) {
      ClockTick tick = pending.getAndSet(null);
      if (tick == null || tick.second() <= lastSecond) {
        sending.set(false);
        continue;
      }
      CompletionStage<?> sent;
      try {
        sent = sink.send(tick.toEvent(sse));
      } catch (RuntimeException closed) {
        end();
        return;
      }
      sent.whenComplete((result, error) -> afterSend(tick, result, error));
      if (sending.get()) {
        // The send has not finished yet: its completion drains what arrives meanwhile.
        return;
      }
    }
  }

  private void afterSend(ClockTick tick, Object result, Throwable error) {
    // Older Jersey versions reported an IOException as the stage's value instead of failing it.
    if (error != null || result instanceof Throwable) {
      end();
      return;
    }
    lastSecond = tick.second();
    if (remaining != StreamLength.ENDLESS && --remaining == 0) {
      end();
      return;
    }
    sending.set(false);
    drain();
  }
}
