package dev.jakartaasync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DelaysTest {

  private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);

  /** A clock moved by hand, for the tests that call tick() themselves. */
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @AfterEach
  void stop() {
    timers.shutdownNow();
  }

  @Test
  void afterCompletesOnATimerThread() throws Exception {
    var delays = new Delays(timers);
    // Hold the only timer thread until the dependent stage is attached: on a busy machine the
    // wait could otherwise complete first, and thenApply would then run on this thread.
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
    var delays = new Delays(timers);
    var never = new CompletableFuture<String>();

    var guarded =
        delays.within(never, Duration.ofMillis(10), () -> new IllegalStateException("late"));

    assertThatThrownBy(() -> guarded.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage("late");
  }

  @Test
  void withinForgetsItsTimerOnceTheWorkIsDone() {
    var delays = new Delays(timers);
    var work = new CompletableFuture<String>();
    delays.within(work, Duration.ofHours(1), IllegalStateException::new);
    assertThat(delays.waiting()).isEqualTo(1);

    work.complete("done");

    assertThat(delays.waiting()).isZero();
    assertThat(work.join()).isEqualTo("done");
  }

  @Test
  void aWaitCompletesAtItsTickNotBefore() {
    var delays = new Delays(null, Runnable::run, now::get);
    var done = delays.after(Duration.ofSeconds(1));

    now.addAndGet(Duration.ofMillis(999).toNanos());
    delays.tick();
    assertThat(done).isNotDone();

    now.addAndGet(Duration.ofMillis(1).toNanos());
    delays.tick();
    assertThat(done).isCompleted();
    assertThat(delays.waiting()).isZero();
  }

  @Test
  void waitsDueTogetherAreHandedToWorkersInBatches() {
    var handOffs = new AtomicInteger();
    Executor countingWorkers =
        task -> {
          handOffs.incrementAndGet();
          task.run();
        };
    var delays = new Delays(null, countingWorkers, now::get);
    List<CompletableFuture<Void>> waits = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      waits.add(delays.after(Duration.ofSeconds(1)));
    }

    now.addAndGet(Duration.ofSeconds(1).toNanos());
    delays.tick();

    assertThat(waits).allMatch(CompletableFuture::isDone);
    // 100 = 3 batches of 32 and one of 4, each handed to a worker.
    assertThat(handOffs).hasValue(4);
  }

  @Test
  void aRefusedBatchStillCompletesOnTheTick() {
    Executor saturated =
        task -> {
          throw new RejectedExecutionException("full");
        };
    var delays = new Delays(null, saturated, now::get);
    List<CompletableFuture<Void>> waits = new ArrayList<>();
    for (int i = 0; i < 3 * Delays.BATCH; i++) {
      waits.add(delays.after(Duration.ZERO));
    }

    delays.tick();

    assertThat(waits).allMatch(CompletableFuture::isDone);
  }

  @Test
  void stopEndsTheTicking() {
    var delays = new Delays(timers);
    delays.stop();

    assertThat(timers.getQueue())
        .allMatch(task -> ((java.util.concurrent.Future<?>) task).isCancelled());
  }
}
