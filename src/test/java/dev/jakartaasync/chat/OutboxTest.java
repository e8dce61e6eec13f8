package dev.jakartaasync.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OutboxTest {

  /** Runs steps only when the test says so: shows which thread would start each send. */
  static final class Steps implements Executor {
    final Queue<Runnable> pending = new ArrayDeque<>();

    @Override
    public void execute(Runnable step) {
      pending.add(step);
    }

    void runAll() {
      Runnable step;
      while ((step = pending.poll()) != null) {
        step.run();
      }
    }
  }

  /** A connection whose writes complete when the test says so. */
  static final class FakeWire implements Outbox.Wire {
    final List<String> sent = new ArrayList<>();
    final Queue<Consumer<Throwable>> inFlight = new ArrayDeque<>();
    int maxInFlight;
    Integer closedWith;

    @Override
    public void send(String text, Consumer<Throwable> whenWritten) {
      sent.add(text);
      inFlight.add(whenWritten);
      maxInFlight = Math.max(maxInFlight, inFlight.size());
    }

    @Override
    public void close(int code, String reason) {
      closedWith = code;
    }

    void completeNext(Throwable failure) {
      inFlight.remove().accept(failure);
    }
  }

  final Steps sender = new Steps();
  final Steps closer = new Steps();
  final FakeWire wire = new FakeWire();
  int left;
  long now = 1_000_000_000L;

  Outbox outbox(Backlog backlog) {
    return new Outbox(wire, backlog, sender, closer, () -> left++, () -> now);
  }

  static Backlog backlog(int maxLines, long maxBytes) {
    return new Backlog(maxLines, maxBytes, Duration.ofSeconds(10));
  }

  @Test
  void sendsInOrderOneAtATimeAndOnlyFromTheSender() {
    Outbox outbox = outbox(backlog(10, 10_000));
    outbox.offer(ChatLine.of("one"));
    outbox.offer(ChatLine.of("two"));
    outbox.offer(ChatLine.of("three"));
    assertThat(wire.sent).as("nothing sent on the offering thread").isEmpty();

    sender.runAll();
    assertThat(wire.sent).containsExactly("one");

    wire.completeNext(null);
    assertThat(wire.sent).as("the completion only schedules the next send").hasSize(1);
    sender.runAll();
    wire.completeNext(null);
    sender.runAll();
    wire.completeNext(null);
    sender.runAll();

    assertThat(wire.sent).containsExactly("one", "two", "three");
    assertThat(wire.maxInFlight).isEqualTo(1);
    assertThat(outbox.queuedLines()).isZero();
  }

  @Test
  void idleAgainAfterDrainingSoTheNextLineStartsASend() {
    Outbox outbox = outbox(backlog(10, 10_000));
    outbox.offer(ChatLine.of("one"));
    sender.runAll();
    wire.completeNext(null);
    sender.runAll();

    outbox.offer(ChatLine.of("two"));
    sender.runAll();

    assertThat(wire.sent).containsExactly("one", "two");
  }

  @Test
  void aMemberPastItsLineBoundIsClosed1008AndLeaves() {
    Outbox outbox = outbox(backlog(2, 10_000));
    outbox.offer(ChatLine.of("in flight"));
    sender.runAll(); // written, never completed: the reader stopped reading
    outbox.offer(ChatLine.of("queued 1"));
    outbox.offer(ChatLine.of("queued 2"));
    assertThat(wire.closedWith).isNull();

    outbox.offer(ChatLine.of("one too many"));
    closer.runAll();
    sender.runAll();

    assertDroppedTooSlow(outbox);

    outbox.offer(ChatLine.of("after"));
    assertNothingMoreAfterTheDrop("in flight");
  }

  @Test
  void theByteBoundCountsToo() {
    Outbox outbox = outbox(backlog(1000, 10));
    outbox.offer(ChatLine.of("in flight"));
    sender.runAll();
    outbox.offer(ChatLine.of("12345"));
    outbox.offer(ChatLine.of("12345"));
    assertThat(wire.closedWith).isNull();

    outbox.offer(ChatLine.of("1"));
    closer.runAll();

    assertThat(wire.closedWith).isEqualTo(Outbox.TOO_SLOW);
  }

  @Test
  void aFailedWriteStopsTheOutboxAndTheMemberLeaves() {
    Outbox outbox = outbox(backlog(10, 10_000));
    outbox.offer(ChatLine.of("one"));
    outbox.offer(ChatLine.of("two"));
    sender.runAll();

    wire.completeNext(new IOException("Connection reset"));
    sender.runAll();

    assertThat(left).isEqualTo(1);
    assertThat(wire.sent).containsExactly("one");
    assertThat(outbox.queuedLines()).isZero();
  }

  @Test
  void aSendThatThrowsCountsAsFailed() {
    Outbox.Wire closedWire =
        new Outbox.Wire() {
          @Override
          public void send(String text, Consumer<Throwable> whenWritten) {
            throw new IllegalStateException("session closed");
          }

          @Override
          public void close(int code, String reason) {}
        };
    Outbox outbox =
        new Outbox(closedWire, backlog(10, 10_000), sender, closer, () -> left++, () -> now);
    outbox.offer(ChatLine.of("one"));
    sender.runAll();

    assertThat(left).isEqualTo(1);
  }

  @Test
  void aWriteThatNeverCompletesDropsTheMemberAfterTheWriteTimeout() {
    Outbox outbox = outbox(backlog(10, 10_000));
    outbox.offer(ChatLine.of("never acknowledged"));
    sender.runAll();
    outbox.offer(ChatLine.of("waits behind it"));

    now += Duration.ofSeconds(10).toNanos() - 1;
    assertThat(outbox.dropIfStuck(now)).as("not yet: just under the timeout").isFalse();
    assertThat(outbox.writingFor(now)).isEqualTo(Duration.ofSeconds(10).minusNanos(1));

    now += 1;
    assertThat(outbox.dropIfStuck(now)).isTrue();
    closer.runAll();
    sender.runAll();

    assertDroppedTooSlow(outbox);
    assertThat(outbox.dropIfStuck(now + Duration.ofMinutes(1).toNanos()))
        .as("dropped once")
        .isFalse();

    // The lost completion turns up after all.
    assertNothingMoreAfterTheDrop("never acknowledged");
  }

  @Test
  void theWriteTimeoutCountsEachWriteNotTheWholeBacklog() {
    Outbox outbox = outbox(backlog(10, 10_000));
    for (int i = 0; i < 5; i++) {
      outbox.offer(ChatLine.of("line " + i));
    }
    for (int i = 0; i < 5; i++) {
      sender.runAll();
      now += Duration.ofSeconds(9).toNanos();
      assertThat(outbox.dropIfStuck(now)).isFalse();
      wire.completeNext(null);
    }
    sender.runAll();

    assertThat(wire.sent).hasSize(5);
    assertThat(outbox.writingFor(now)).as("nothing in flight").isZero();
    now += Duration.ofHours(1).toNanos();
    assertThat(outbox.dropIfStuck(now)).as("an idle member is not stuck").isFalse();
    assertThat(left).isZero();
    assertThat(wire.closedWith).isNull();
  }

  @Test
  void aMemberWithNoTrafficEitherWayForTheIdleLimitIsClosed1001AndLeaves() {
    Duration limit = Duration.ofMinutes(2);
    Outbox outbox = outbox(backlog(10, 10_000));
    now += limit.toNanos() - 1;
    assertThat(outbox.closeIfIdle(now, limit)).isFalse();

    now += 1;
    assertThat(outbox.closeIfIdle(now, limit)).isTrue();
    closer.runAll();
    sender.runAll();

    assertThat(wire.closedWith).isEqualTo(Outbox.IDLE);
    assertThat(left).isEqualTo(1);
    assertThat(outbox.closeIfIdle(now + limit.toNanos(), limit)).as("closed once").isFalse();
  }

  @Test
  void whatTheMemberSaysAndWhatItIsSentBothKeepItAlive() {
    Duration limit = Duration.ofMinutes(2);
    Outbox outbox = outbox(backlog(10, 10_000));

    now += Duration.ofMinutes(1).toNanos();
    outbox.heard(); // a keep-alive
    now += Duration.ofMinutes(1).toNanos() + 1;
    assertThat(outbox.closeIfIdle(now, limit)).isFalse();

    outbox.offer(ChatLine.of("a line"));
    now += Duration.ofMinutes(5).toNanos();
    assertThat(outbox.closeIfIdle(now, limit)).as("a line on its way is not idleness").isFalse();
    sender.runAll();
    wire.completeNext(null);
    sender.runAll();
    now += Duration.ofMinutes(1).toNanos();
    assertThat(outbox.closeIfIdle(now, limit)).as("it was written a minute ago").isFalse();

    now += Duration.ofMinutes(1).toNanos();
    assertThat(outbox.closeIfIdle(now, limit)).isTrue();
  }

  /** Closed with 1008, gone from the room once, its backlog freed. */
  private void assertDroppedTooSlow(Outbox outbox) {
    assertThat(wire.closedWith).isEqualTo(Outbox.TOO_SLOW);
    assertThat(left).isEqualTo(1);
    assertThat(outbox.queuedLines()).as("its backlog is freed").isZero();
  }

  /**
   * The write in flight when the member was dropped completes now: nothing more is sent, and the
   * member does not leave a second time.
   */
  private void assertNothingMoreAfterTheDrop(String onlyLineSent) {
    wire.completeNext(null);
    sender.runAll();
    closer.runAll();
    assertThat(wire.sent).containsExactly(onlyLineSent);
    assertThat(left).isEqualTo(1);
  }
}
