package dev.jakartaasync.chat.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jakartaasync.chat.ChatLine;
import dev.jakartaasync.chat.RelayStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The relay bean without a container: what it relays, and the status it reports. */
class ChatRelayTest {

  final FakeRedis redis = new FakeRedis();
  final ExecutorService threads = Executors.newCachedThreadPool();
  final ChatRelay a = new ChatRelay();
  final ChatRelay b = new ChatRelay();
  final List<String> deliveredOnA = new CopyOnWriteArrayList<>();
  final List<String> deliveredOnB = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    a.stop();
    b.stop();
    threads.shutdownNow();
  }

  static ChatLine saidHere(String text) {
    return new ChatLine(text, text.length(), false);
  }

  void startBoth() throws InterruptedException {
    a.startLoops(redis.connector(), threads, deliveredOnA::add);
    b.startLoops(redis.connector(), threads, deliveredOnB::add);
    RelayLoopsTest.await(
        "both connected", () -> a.relayStatus().connected() && b.relayStatus().connected());
  }

  @Test
  void unconfiguredItIsLocalAndRelaysNothing() {
    a.relayOut(saidHere("A user says: hi"));

    RelayStatus status = a.relayStatus();
    assertThat(status).isEqualTo(RelayStatus.local(status.node()));
    assertThat(status.node()).hasSize(12).isNotEqualTo(b.relayStatus().node());
    assertThat(redis.entries()).isEmpty();
  }

  @Test
  void linesSaidHereAreRelayedAndRelayedLinesAreNotRelayedAgain() throws Exception {
    startBoth();

    a.relayOut(saidHere("A user says: hi"));
    a.relayOut(ChatLine.relayed("A user says: from elsewhere"));
    a.relayOut(saidHere("A user has left the chat."));

    RelayLoopsTest.await("b got both lines", () -> deliveredOnB.size() == 2);
    assertThat(deliveredOnB).containsExactly("A user says: hi", "A user has left the chat.");
    assertThat(redis.entries()).hasSize(2);
    assertThat(deliveredOnA).isEmpty();
    awaitCountedOnA(2);

    RelayStatus onA = a.relayStatus();
    RelayStatus onB = b.relayStatus();
    assertThat(onA.mode()).isEqualTo(RelayStatus.REDIS);
    assertThat(onA.relayedOut()).isEqualTo(2);
    assertThat(onA.outboxLines()).isZero();
    assertThat(onB.relayedIn()).isEqualTo(2);
    assertThat(onB.lastEntryId()).isEqualTo(redis.entries().get(1).id());
    assertThat(onB.gaps()).isZero();
    assertThat(onB.skipped()).isZero();
    assertThat(onB.dropped()).isZero();
  }

  @Test
  void withRedisDownLinesWaitAndTheStatusSaysSo() throws Exception {
    startBoth();
    redis.down();
    RelayLoopsTest.await("a noticed", () -> !a.relayStatus().connected());

    a.relayOut(saidHere("A user says: waiting"));

    RelayStatus status = a.relayStatus();
    assertThat(status.outboxLines()).isEqualTo(1);
    assertThat(status.relayedOut()).isZero();

    redis.up();
    RelayLoopsTest.await("b got the line", () -> deliveredOnB.size() == 1);
    awaitCountedOnA(1);
    assertThat(a.relayStatus().outboxLines()).isZero();
  }

  @Test
  void stoppingEndsTheLoopsWithinTheirTimeout() throws Exception {
    startBoth();

    long start = System.nanoTime();
    a.stop();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ChatRelay.STOP_TIMEOUT);
    assertThat(a.relayStatus().connected()).isFalse();
  }

  /**
   * A's writer appends a batch, empties its outbox of it, then counts it, and B may read the batch
   * before the count: wait for the count, which comes last, before reading A's status.
   */
  private void awaitCountedOnA(long lines) throws InterruptedException {
    RelayLoopsTest.await(
        "a counted " + lines + " line(s)", () -> a.relayStatus().relayedOut() == lines);
  }
}
