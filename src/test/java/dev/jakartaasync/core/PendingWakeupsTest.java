package dev.jakartaasync.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingWakeupsTest {

  private final PendingWakeups pending = new PendingWakeups();
  private final List<String> ran = new ArrayList<>();

  private Runnable record(String name) {
    return () -> ran.add(name);
  }

  @Test
  void takesOnlyWhatIsDueEarliestFirst() {
    pending.add(30, record("c"));
    pending.add(10, record("a"));
    pending.add(20, record("b"));
    pending.add(40, record("d"));

    pending.takeDue(30).forEach(Runnable::run);

    assertThat(ran).containsExactly("a", "b", "c");
    assertThat(pending.size()).isEqualTo(1);
  }

  @Test
  void keepsEveryWakeupDueAtTheSameInstant() {
    for (int i = 0; i < 1000; i++) {
      pending.add(5, record("same"));
    }

    assertThat(pending.takeDue(5)).hasSize(1000);
  }

  @Test
  void aCancelledWakeupNeverRuns() {
    var cancelled = pending.add(10, record("cancelled"));
    pending.add(10, record("kept"));

    assertThat(pending.cancel(cancelled)).isTrue();
    pending.takeDue(10).forEach(Runnable::run);

    assertThat(ran).containsExactly("kept");
    assertThat(pending.cancel(cancelled)).isFalse();
  }

  @Test
  void aWakeupLetsGoOfItsActionOnceTakenOrCancelled() {
    var taken = pending.add(10, record("taken"));
    var cancelled = pending.add(20, record("cancelled"));
    var waiting = pending.add(30, record("waiting"));

    pending.takeDue(10);
    pending.cancel(cancelled);

    // What a removed wakeup still refers to stays alive as long as an older removed node does.
    assertThat(taken.holdsAction()).isFalse();
    assertThat(cancelled.holdsAction()).isFalse();
    assertThat(waiting.holdsAction()).isTrue();
  }

  @Test
  void ordersAcrossTheNanoTimeOverflow() {
    // System.nanoTime() may be near Long.MAX_VALUE; a wait due after the wrap is still later.
    long beforeWrap = Long.MAX_VALUE - 5;
    pending.add(beforeWrap + 10, record("after the wrap"));
    pending.add(beforeWrap, record("before the wrap"));

    pending.takeDue(beforeWrap).forEach(Runnable::run);
    assertThat(ran).containsExactly("before the wrap");

    pending.takeDue(beforeWrap + 10).forEach(Runnable::run);
    assertThat(ran).containsExactly("before the wrap", "after the wrap");
  }
}
