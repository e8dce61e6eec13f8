package dev.jakartaasync.chat.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two relay loops of two instances against one {@link FakeRedis}, on real threads: what each
 * instance's members receive from the other, through the failures the relay must survive.
 */
class RelayLoopsTest {

  static final Duration DEADLINE = Duration.ofSeconds(10);

  final FakeRedis redis = new FakeRedis();
  final ExecutorService threads = Executors.newCachedThreadPool();
  final List<Instance> instances = new ArrayList<>();

  /** One instance's relay: its outbox and writer, its reader and what its members received. */
  final class Instance {
    final String node;
    final RelayOutbox outbox;
    final IncomingLines incoming;
    final RelayWriter writer;
    final RelayReader reader;
    final List<String> received = new CopyOnWriteArrayList<>();

    Instance(String node) {
      this.node = node;
      outbox = new RelayOutbox(node, 100, 1 << 20);
      incoming = new IncomingLines(node);
      writer = new RelayWriter(outbox, redis.connector(), quickBackoff());
      reader = new RelayReader(incoming, received::add, redis.connector(), quickBackoff());
      instances.add(this);
    }

    Instance start() {
      threads.execute(writer);
      threads.execute(reader);
      return this;
    }

    void say(String text) {
      outbox.offer(text, text.length());
    }

    void stop() {
      writer.stop();
      reader.stop();
    }
  }

  static Backoff quickBackoff() {
    return new Backoff(Duration.ofMillis(5), Duration.ofMillis(50), () -> 0.5);
  }

  @AfterEach
  void stopEverything() {
    instances.forEach(Instance::stop);
    threads.shutdownNow();
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + DEADLINE + ": " + what);
      }
      Thread.sleep(5);
    }
  }

  static List<String> numbered(String prefix, int from, int to) {
    List<String> lines = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      lines.add(prefix + i);
    }
    return lines;
  }

  /**
   * Waits until the instances report themselves connected: from then on, every line appended is
   * read (the reader fixed its start before it said so).
   */
  void awaitReading(Instance... readers) throws InterruptedException {
    for (Instance instance : readers) {
      await(
          instance.node + " connected",
          () -> instance.writer.connected() && instance.reader.connected());
    }
  }

  /**
   * Stops b's reader while a says lines {@code from}..{@code to} and Redis has them, runs {@code
   * meanwhile}, then starts a new reader from b's position, as after a reconnect. The caller had a
   * say a1..a({@code from} - 1) before, with Redis up.
   */
  RelayReader cutOffWhileASays(Instance a, Instance b, int from, int to, Runnable meanwhile)
      throws InterruptedException {
    b.reader.stop();
    await("b's reader ended", () -> b.reader.awaitEnd(Duration.ZERO));
    for (int i = from; i <= to; i++) {
      a.say("a" + i);
    }
    // Every line a said, a1 included: the writer counts a batch just after Redis confirmed it, so
    // b can read a line before it is counted, and a count taken here as a baseline could miss it.
    await("a appended everything", () -> a.writer.appended() == to);
    meanwhile.run();
    RelayReader again =
        new RelayReader(b.incoming, b.received::add, redis.connector(), quickBackoff());
    threads.execute(again);
    return again;
  }

  @Test
  void linesOfEachInstanceReachTheOtherOnceAndInOrderButNotItself() throws Exception {
    Instance a = new Instance("a").start();
    Instance b = new Instance("b").start();
    awaitReading(a, b);

    for (int i = 1; i <= 50; i++) {
      a.say("a" + i);
      b.say("b" + i);
    }

    await("b has a's 50 lines", () -> b.received.size() == 50);
    await("a has b's 50 lines", () -> a.received.size() == 50);
    assertThat(b.received).containsExactlyElementsOf(numbered("a", 1, 50));
    assertThat(a.received).containsExactlyElementsOf(numbered("b", 1, 50));
    await("a's outbox empties", () -> a.outbox.lines() == 0);
    assertThat(a.writer.appended()).isEqualTo(50);
    assertThat(a.incoming.skipped()).isZero();
  }

  @Test
  void linesSaidWhileRedisIsDownWaitInTheOutboxAndArriveOnceItIsBack() throws Exception {
    Instance a = new Instance("a").start();
    Instance b = new Instance("b").start();
    awaitReading(a, b);
    a.say("before");
    await("b has the first line", () -> b.received.size() == 1);

    redis.down();
    await("both loops notice", () -> !a.writer.connected() && !b.reader.connected());
    for (int i = 1; i <= 20; i++) {
      a.say("during " + i);
    }
    assertThat(a.outbox.lines()).isEqualTo(20);

    redis.up();

    await("b has every line", () -> b.received.size() == 21);
    List<String> expected = new ArrayList<>(List.of("before"));
    expected.addAll(numbered("during ", 1, 20));
    assertThat(b.received).containsExactlyElementsOf(expected);
    assertThat(b.incoming.gaps()).isZero();
  }

  @Test
  void aReaderCutOffResumesAfterTheLastEntryItProcessedWithNoGapAndNoDuplicate() throws Exception {
    Instance a = new Instance("a").start();
    Instance b = new Instance("b").start();
    awaitReading(a, b);
    a.say("a1");
    await("b has a1", () -> b.received.size() == 1);

    RelayReader again = cutOffWhileASays(a, b, 2, 10, () -> {});
    try {
      await("b caught up", () -> b.received.size() == 10);
      assertThat(b.received).containsExactlyElementsOf(numbered("a", 1, 10));
      assertThat(b.incoming.gaps()).isZero();
      assertThat(b.incoming.duplicates()).isZero();
    } finally {
      again.stop();
    }
  }

  @Test
  void aRetriedAppendThatRedisHadAlreadyTakenIsDeliveredOnce() throws Exception {
    Instance a = new Instance("a").start();
    Instance b = new Instance("b").start();
    awaitReading(a, b);

    redis.loseReplies(1);
    a.say("only once");
    await("the retry appended it again", () -> redis.appendCalls() >= 2);
    a.say("next");

    await("b has both lines", () -> b.received.size() == 2);
    assertThat(b.received).containsExactly("only once", "next");
    assertThat(redis.entries().stream().filter(e -> "only once".equals(e.fields().get("text"))))
        .hasSize(2);
    assertThat(b.incoming.duplicates()).isEqualTo(1);
  }

  @Test
  void afterRedisRestartedEmptyReadingGoesOnFromTheNewEntries() throws Exception {
    Instance a = new Instance("a").start();
    Instance b = new Instance("b").start();
    awaitReading(a, b);
    a.say("a1");
    await("b has a1", () -> b.received.size() == 1);

    redis.down();
    await("b's reader noticed", () -> !b.reader.connected());
    redis.restartEmpty();
    redis.up();
    a.say("a2");
    a.say("a3");

    await("b has the lines said after the restart", () -> b.received.size() == 3);
    assertThat(b.received).containsExactly("a1", "a2", "a3");
    assertThat(b.incoming.gaps()).isZero();
  }

  @Test
  void linesRedisConfirmedButLostInARestartBeforeAReaderHadThemAreAppendedAgain() throws Exception {
    Instance a = new Instance("a").start();
    Instance b = new Instance("b").start();
    awaitReading(a, b);
    a.say("a1");
    await("b has a1", () -> b.received.size() == 1);

    // Redis confirms a2 and a3, then restarts empty before b read them.
    RelayReader again =
        cutOffWhileASays(
            a,
            b,
            2,
            3,
            () -> {
              redis.down();
              redis.restartEmpty();
              redis.up();
            });
    try {
      a.say("a4");
      await("b has every line", () -> b.received.size() == 4);
      assertThat(b.received).containsExactly("a1", "a2", "a3", "a4");
      assertThat(b.incoming.gaps()).isZero();
    } finally {
      again.stop();
    }
  }

  @Test
  void entriesTrimmedAwayWhileAReaderWasCutOffAreCountedAsGaps() throws Exception {
    Instance a = new Instance("a").start();
    Instance b = new Instance("b").start();
    awaitReading(a, b);
    a.say("a1");
    await("b has a1", () -> b.received.size() == 1);

    // Only a8, a9 and a10 remain when b reads again.
    RelayReader again = cutOffWhileASays(a, b, 2, 10, () -> redis.trimTo(3));
    try {
      await("b read what is left", () -> b.received.size() == 4);
      assertThat(b.received).containsExactly("a1", "a8", "a9", "a10");
      assertThat(b.incoming.gaps()).isEqualTo(6);
    } finally {
      again.stop();
    }
  }

  @Test
  void foreignEntriesAreSkippedAndTheReaderGoesOn() throws Exception {
    Instance b = new Instance("b").start();
    awaitReading(b);

    redis.addRaw(Map.of("node", "x", "seq", "NaN", "text", "bad"));
    redis.addRaw(Map.of("something", "else"));
    redis.addRaw(Map.of("node", "x", "seq", "1", "text", "good"));

    await("b has the good line", () -> b.received.size() == 1);
    assertThat(b.received).containsExactly("good");
    assertThat(b.incoming.skipped()).isEqualTo(2);
    assertThat(b.reader.connected()).isTrue();
  }

  @Test
  void stopEndsBothLoopsPromptlyEvenWhileRedisIsDown() throws Exception {
    Instance a = new Instance("a").start();
    awaitReading(a);
    redis.down();
    a.say("never appended");

    long start = System.nanoTime();
    a.stop();

    assertThat(a.writer.awaitEnd(Duration.ofSeconds(5))).isTrue();
    assertThat(a.reader.awaitEnd(Duration.ofSeconds(5))).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(a.writer.connected()).isFalse();
  }
}
