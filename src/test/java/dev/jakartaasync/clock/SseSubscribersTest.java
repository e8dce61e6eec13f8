package dev.jakartaasync.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class SseSubscribersTest {

  static final long T = 1_795_000_000L;

  final List<Runnable> sendTasks = new ArrayList<>();
  final Executor queued = sendTasks::add;
  final SseSubscribers direct = new SseSubscribers(Runnable::run);
  final FakeSse sse = new FakeSse();

  static ClockTick tick(long second) {
    return ClockTick.of(second, ZoneOffset.UTC);
  }

  FakeSink subscribe(SseSubscribers subscribers, String count) {
    FakeSink sink = new FakeSink();
    subscribers.subscribe(sink, sse, StreamLength.parse(count), tick(T));
    return sink;
  }

  @Test
  void aNewSubscriberGetsTheFirstEventAtOnceThenEveryTick() {
    FakeSink sink = subscribe(direct, null);
    assertThat(sink.ids()).containsExactly(Long.toString(T));

    direct.publish(tick(T + 1));
    direct.publish(tick(T + 2));

    assertThat(sink.ids()).containsExactly("" + T, "" + (T + 1), "" + (T + 2));
    assertThat(direct.count()).isEqualTo(1);
  }

  @Test
  void aSubscriberWhoseSendFailsIsRemovedAndTheOthersKeepTheirTicks() {
    FakeSink staying = subscribe(direct, null);
    FakeSink leaving = subscribe(direct, null);
    leaving.client = FakeSink.Client.GONE_STAGE_FAILS;

    direct.publish(tick(T + 1));

    assertThat(direct.count()).isEqualTo(1);
    assertThat(staying.ids()).hasSize(2);
    direct.publish(tick(T + 2));
    assertThat(leaving.sent).hasSize(1);
    assertThat(staying.ids()).hasSize(3);
  }

  @Test
  void aSubscriberWhoseSendThrowsIsRemovedToo() {
    FakeSink leaving = subscribe(direct, null);
    leaving.client = FakeSink.Client.GONE_SEND_THROWS;

    direct.publish(tick(T + 1));

    assertThat(direct.count()).isZero();
  }

  @Test
  void countEndsTheStreamCleanlyAfterThatManyEvents() {
    FakeSink sink = subscribe(direct, "2");

    direct.publish(tick(T + 1));
    direct.publish(tick(T + 2));

    assertThat(sink.ids()).hasSize(2);
    assertThat(sink.closedByServer).isTrue();
    assertThat(direct.count()).isZero();
  }

  @Test
  void ticksAreSpreadOverSendTasksInBatches() {
    var subscribers = new SseSubscribers(queued);
    List<FakeSink> sinks = new ArrayList<>();
    for (int i = 0; i < SseSubscribers.BATCH * 2 + 1; i++) {
      sinks.add(subscribe(subscribers, null));
    }

    subscribers.publish(tick(T + 1));

    assertThat(sendTasks).as("no send on the ticker's thread").hasSize(3);
    assertThat(sinks).allSatisfy(sink -> assertThat(sink.sent).hasSize(1));
    sendTasks.forEach(Runnable::run);
    assertThat(sinks).allSatisfy(sink -> assertThat(sink.sent).hasSize(2));
  }

  @Test
  void whileASendIsStuckLaterTicksWaitAsOneNotAsAPile() {
    FakeSink slow = subscribe(direct, null);
    var stuck = new CompletableFuture<Void>();
    slow.nextSend = stuck;

    direct.publish(tick(T + 1)); // in flight, not finished
    direct.publish(tick(T + 2)); // waits
    direct.publish(tick(T + 3)); // replaces T + 2
    assertThat(slow.ids()).containsExactly("" + T, "" + (T + 1));

    stuck.complete(null);

    assertThat(slow.ids()).containsExactly("" + T, "" + (T + 1), "" + (T + 3));
  }

  @Test
  void aSendTaskThatRunsLateSendsTheNewestTickOnlyOnce() {
    var subscribers = new SseSubscribers(queued);
    FakeSink sink = subscribe(subscribers, null);

    subscribers.publish(tick(T + 1));
    subscribers.publish(tick(T + 2)); // the server fell behind: both tasks still queued
    sendTasks.forEach(Runnable::run);

    assertThat(sink.ids()).containsExactly("" + T, "" + (T + 2));
  }

  @Test
  void aLateOfferNeverReplacesANewerPendingTick() {
    FakeSink slow = subscribe(direct, null);
    var stuck = new CompletableFuture<Void>();
    slow.nextSend = stuck;
    direct.publish(tick(T + 1)); // in flight

    direct.publish(tick(T + 3));
    direct.publish(tick(T + 2)); // a late task
    stuck.complete(null);

    assertThat(slow.ids()).containsExactly("" + T, "" + (T + 1), "" + (T + 3));
  }

  @Test
  void aTickOlderThanTheLastOneSentIsDropped() {
    FakeSink sink = subscribe(direct, null);

    direct.publish(tick(T)); // the same second as the first event, from a tick racing the connect
    direct.publish(tick(T - 1));

    assertThat(sink.ids()).containsExactly("" + T);
  }

  @Test
  void closeEndsEveryOpenStream() {
    FakeSink one = subscribe(direct, null);
    FakeSink two = subscribe(direct, null);

    direct.close();

    assertThat(one.closedByServer).isTrue();
    assertThat(two.closedByServer).isTrue();
    assertThat(direct.count()).isZero();
  }
}
