package dev.jakartaasync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DelaysTest {

  private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
  private final Delays delays = new Delays(timers);

  @AfterEach
  void stop() {
    timers.shutdownNow();
  }

  @Test
  void afterCompletesOnATimerThread() throws Exception {
    // Hold the only timer thread until the dependent stage is attached: on a busy machine the
    // 10 ms timer could otherwise fire first, and thenApply would then run on this thread.
    var attached = new CountDownLatch(1);
    timers.execute(
        () -> {
          try {
            attached.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    var firedOn = delays.after(Duration.ofMillis(10)).thenApply(v -> Thread.currentThread());
    attached.countDown();

    assertThat(firedOn.get(5, TimeUnit.SECONDS)).isNotEqualTo(Thread.currentThread());
  }

  @Test
  void withinFailsLateWorkWithTheGivenError() {
    var never = new CompletableFuture<String>();

    var guarded =
        delays.within(never, Duration.ofMillis(10), () -> new IllegalStateException("late"));

    assertThatThrownBy(() -> guarded.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage("late");
  }

  @Test
  void withinCancelsItsTimerOnceTheWorkIsDone() {
    timers.setRemoveOnCancelPolicy(true);
    var work = new CompletableFuture<String>();
    delays.within(work, Duration.ofHours(1), IllegalStateException::new);
    assertThat(timers.getQueue()).hasSize(1);

    work.complete("done");

    assertThat(timers.getQueue()).isEmpty();
    assertThat(work.join()).isEqualTo("done");
  }
}
