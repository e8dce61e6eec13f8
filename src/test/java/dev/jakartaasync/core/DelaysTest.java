package dev.jakartaasync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
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
  void aFewWaitsDueTogetherCompleteOnTheTickingThread() {
    var handOffs = new AtomicInteger();
    var delays = new Delays(null, countingWorkers(handOffs), now::get);
    List<CompletableFuture<Thread>> completedOn = new ArrayList<>();
    for (int i = 0; i < Delays.BATCH; i++) {
      completedOn.add(
          delays.after(Duration.ofSeconds(1)).thenApply(done -> Thread.currentThread()));
    }

    now.addAndGet(Duration.ofSeconds(1).toNanos());
    delays.tick();

    assertThat(handOffs).hasValue(0);
    assertThat(completedOn).allMatch(thread -> thread.join() == Thread.currentThread());
  }

  @Test
  void waitsDueTogetherAreHandedToWorkersInBatches() {
    var handOffs = new AtomicInteger();
    var delays = new Delays(null, countingWorkers(handOffs), now::get);
    List<CompletableFuture<Void>> waits = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      waits.add(delays.after(Duration.ofSeconds(1)));
    }

    now.addAndGet(Duration.ofSeconds(1).toNanos());
    delays.tick();

    assertThat(waits).allMatch(CompletableFuture::isDone);
    // 100 = 3 batches of 32, each handed to a worker, and 4 completed on the tick.
    assertThat(handOffs).hasValue(3);
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
    var neverDue = delays.after(Duration.ofHours(1));
    awaitUntil(() -> timers.getActiveCount() == 1);

    delays.stop();

    awaitUntil(() -> timers.getActiveCount() == 0);
    assertThat(timers.getCompletedTaskCount()).isEqualTo(1);
    assertThat(neverDue).isNotDone();
  }

  @Test
  void noTimerRunsWhileNothingWaits() {
    new Delays(timers);

    assertThat(timers.getQueue()).isEmpty();
    assertThat(timers.getTaskCount()).isZero();
  }

  @Test
  void theTimerStopsOnceTheLastWaitIsDoneAndTheNextWaitStartsItAgain() throws Exception {
    var delays = new Delays(timers);

    delays.after(Duration.ofMillis(10)).get(5, TimeUnit.SECONDS);
    awaitUntil(() -> timers.getCompletedTaskCount() == 1);

    delays.after(Duration.ofMillis(10)).get(5, TimeUnit.SECONDS);
    awaitUntil(() -> timers.getCompletedTaskCount() == 2);
    assertThat(timers.getActiveCount()).isZero();
    assertThat(delays.waiting()).isZero();
  }

  @Test
  void noWaitIsLostWhileTheTimerStopsAndStarts() throws Exception {
    // Eight threads add short waits at random moments, so that many are added exactly while the
    // timer finds nothing left and stops: a wait lost in that window would never complete.
    var delays = new Delays(timers);
    var workers = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<Void>> waits = Collections.synchronizedList(new ArrayList<>());
      var added = new CountDownLatch(8);
      for (int t = 0; t < 8; t++) {
        workers.execute(
            () -> {
              var random = ThreadLocalRandom.current();
              for (int i = 0; i < 300; i++) {
                waits.add(delays.after(Duration.ofMillis(random.nextInt(3))));
                LockSupport.parkNanos(random.nextLong(2_000_000));
              }
              added.countDown();
            });
      }
      assertThat(added.await(30, TimeUnit.SECONDS)).isTrue();

      CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      assertThat(waits).hasSize(2400).allMatch(CompletableFuture::isDone);
      awaitUntil(() -> timers.getActiveCount() == 0 && timers.getQueue().isEmpty());
    } finally {
      workers.shutdownNow();
    }
  }

  @Test
  void oneTickerRunCompletesTheWaitsOfManyTicksAndEndsWithTheLast() {
    var timer = new ManualTimer();
    // Each reading of the clock moves it a millisecond: the ticker's parks end at once.
    var delays = new Delays(timer, Runnable::run, () -> now.addAndGet(1_000_000));
    var first = delays.after(Duration.ofMillis(20));
    var second = delays.after(Duration.ofMillis(60));
    var third = delays.after(Duration.ofMillis(100));
    assertThat(timer.executed).as("one ticker for all three").hasSize(1);

    timer.executed.get(0).run();

    assertThat(List.of(first, second, third)).allMatch(CompletableFuture::isDone);
    assertThat(delays.waiting()).isZero();
    var next = delays.after(Duration.ZERO);
    assertThat(timer.executed).as("the next wait starts a new ticker").hasSize(2);
    timer.executed.get(1).run();
    assertThat(next).isDone();
  }

  @Test
  void aWaitAddedByACompletionKeepsTheTickerRunning() {
    var timer = new ManualTimer();
    var delays = new Delays(timer, Runnable::run, () -> now.addAndGet(1_000_000));
    var chained = delays.after(Duration.ZERO).thenCompose(done -> delays.after(Duration.ZERO));

    timer.executed.get(0).run();

    assertThat(chained).isDone();
    assertThat(timer.executed).hasSize(1);
  }

  /** A timer that runs nothing by itself: the test runs what was handed to it, when it chooses. */
  private static final class ManualTimer extends ScheduledThreadPoolExecutor {
    final List<Runnable> executed = new ArrayList<>();

    ManualTimer() {
      super(1);
    }

    @Override
    public void execute(Runnable task) {
      executed.add(task);
    }
  }

  /** Workers that run each batch at once, on the calling thread, and count the hand-offs. */
  private static Executor countingWorkers(AtomicInteger handOffs) {
    return task -> {
      handOffs.incrementAndGet();
      task.run();
    };
  }

  /** Polls {@code condition} until it holds, failing after 5 s. */
  private static void awaitUntil(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("condition within 5 s").isNegative();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }
}
