package dev.jakartaasync.core;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Waiting without holding a thread: the Java counterpart of {@code await asyncio.sleep(n)}.
 *
 * <p>A wait is an entry in {@link PendingWakeups}, not a task of its own: one periodic timer on the
 * application's managed scheduled executor wakes up every {@link #TICK}, takes the waits that are
 * due and completes them on container-managed threads, so a completion (and whatever depends on it)
 * may resume a JAX-RS response safely. Nothing blocks meanwhile.
 *
 * <p>Why not one {@code schedule(...)} per wait, the obvious way: every task handed to a managed
 * executor has its context captured at submission, and on Payara that capture scans the class path
 * for {@code ThreadContextProvider} services each time. With thousands of requests a second that
 * scan was a third of the server's CPU (docs/BENCHMARKS.md). Here it is paid once per batch, not
 * once per request. The price is precision: a wait ends up to one tick late.
 */
@ApplicationScoped
public class Delays {

  /** How often due waits are completed: the most a wait can overrun. */
  static final Duration TICK = Duration.ofMillis(5);

  /**
   * Waits due at the same tick are completed in batches of this size, each batch handed to a worker
   * (one context capture per batch), so that a thousand responses resumed in the same second use
   * every core instead of the timer thread alone.
   */
  static final int BATCH = 32;

  private static final Logger LOG = Logger.getLogger(Delays.class.getName());

  @Resource(lookup = AppExecutors.TIMERS)
  ScheduledExecutorService timers;

  @Resource(lookup = AppExecutors.WORKERS)
  Executor workers;

  private final PendingWakeups pending = new PendingWakeups();
  private final LongSupplier clock;
  private ScheduledFuture<?> ticking;

  public Delays() {
    this.clock = System::nanoTime;
  }

  /** For code outside a container, such as unit tests: ticks on {@code timers}, batches too. */
  public Delays(ScheduledExecutorService timers) {
    this(timers, timers, System::nanoTime);
    if (timers != null) {
      start();
    }
  }

  /** For unit tests that move {@code clock} by hand and call {@link #tick()} themselves. */
  Delays(ScheduledExecutorService timers, Executor workers, LongSupplier clock) {
    this.timers = timers;
    this.workers = workers;
    this.clock = clock;
  }

  @PostConstruct
  void start() {
    long tick = TICK.toNanos();
    ticking = timers.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.NANOSECONDS);
  }

  /** The application stops: no wait completes any more (callers that must not lose work drain). */
  @PreDestroy
  void stop() {
    if (ticking != null) {
      ticking.cancel(false);
    }
  }

  /** A stage that completes after {@code delay}; no thread waits meanwhile. */
  public CompletableFuture<Void> after(Duration delay) {
    var done = new CompletableFuture<Void>();
    pending.add(clock.getAsLong() + delay.toNanos(), () -> done.complete(null));
    return done;
  }

  /**
   * {@code work}, failed with {@code onTimeout}'s exception if it has not completed within {@code
   * deadline}. Unlike {@link CompletableFuture#orTimeout}, the timer is this managed one, not the
   * JDK's private daemon thread, and it is forgotten as soon as the work completes.
   */
  public <T> CompletableFuture<T> within(
      CompletableFuture<T> work, Duration deadline, Supplier<? extends Throwable> onTimeout) {
    var timer =
        pending.add(
            clock.getAsLong() + deadline.toNanos(),
            () -> work.completeExceptionally(onTimeout.get()));
    work.whenComplete((result, error) -> pending.cancel(timer));
    return work;
  }

  /** Waits not yet completed: for status pages and tests. */
  public int waiting() {
    return pending.size();
  }

  /** Completes what is due. Never throws: a periodic task that throws is never run again. */
  void tick() {
    try {
      List<Runnable> due = pending.takeDue(clock.getAsLong());
      // Even a small batch goes to a worker: ticks run one after the other on one timer thread,
      // so completing waits here would serialize every resume of a busy second on one core.
      for (int from = 0; from < due.size(); from += BATCH) {
        handOff(due.subList(from, Math.min(from + BATCH, due.size())));
      }
    } catch (RuntimeException unexpected) {
      LOG.log(
          Level.SEVERE, "timer tick failed; waits due now may complete one tick late", unexpected);
    }
  }

  private void handOff(List<Runnable> batch) {
    try {
      workers.execute(() -> runAll(batch));
    } catch (RejectedExecutionException busy) {
      runAll(batch);
    }
  }

  private static void runAll(List<Runnable> actions) {
    for (Runnable action : actions) {
      try {
        action.run();
      } catch (RuntimeException failed) {
        // One completion's dependent stage failing must not cost the others their wake-up.
        LOG.log(Level.WARNING, "a completed wait's follow-up failed", failed);
      }
    }
  }
}
