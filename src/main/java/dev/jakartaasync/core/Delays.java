package dev.jakartaasync.core;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Waiting without holding a thread: the Java counterpart of {@code await asyncio.sleep(n)}.
 *
 * <p>A wait is an entry in {@link PendingWakeups}, not a task of its own: one ticker, a task on the
 * application's managed scheduled executor, wakes up every {@link #TICK}, takes the waits that are
 * due and completes them on container-managed threads, so a completion (and whatever depends on it)
 * may resume a JAX-RS response safely. Nothing blocks meanwhile. The ticker runs only while a wait
 * is pending: the first wait starts it, and it stops once none is left, so an idle server does not
 * wake up 200 times a second (measured on Payara: ~1.8 % of a core, for nothing).
 *
 * <p>Why the ticker is one task that parks between ticks, not a {@code scheduleAtFixedRate}: a
 * managed executor sets the application's context up and tears it down around every run of a task,
 * and on Payara that costs tens of microseconds (in a profile of 1000 requests a second, 200 ticks
 * a second made it ~8 µs per request, docs/EFFICIENCY-NOTES.md, section 33). One run per busy
 * period pays it once, and no other timer thread is woken to take over between ticks. The ticker
 * holds one of the executor's threads while waits are pending; the others serve the other timers.
 *
 * <p>Why not one {@code schedule(...)} per wait, the obvious way: every task handed to a managed
 * executor has its context captured at submission, and on Payara that capture scans the class path
 * for {@code ThreadContextProvider} services each time. With thousands of requests a second that
 * scan was a third of the server's CPU (docs/BENCHMARKS.md). Here a capture is paid once per batch,
 * not once per request, and with {@link CachedServiceLookups} as context class loader, so that the
 * batch's capture does not scan either: at 1000 requests a second a tick holds ~5 due waits, not
 * 32, and the scans were still most of Payara's context-capture samples (docs/EFFICIENCY-NOTES.md,
 * section 15). The price is precision: a wait ends up to one tick late.
 */
@ApplicationScoped
public class Delays {

  /** How often due waits are completed: the most a wait can overrun. */
  static final Duration TICK = Duration.ofMillis(5);

  /**
   * Waits due at the same tick are completed in batches of this size: each full batch is handed to
   * a worker (one context capture per batch), so that a thousand responses resumed at the same
   * moment use every core instead of the timer thread alone; the rest is completed on the timer
   * thread itself.
   */
  static final int BATCH = 32;

  private static final Logger LOG = Logger.getLogger(Delays.class.getName());

  @Resource(lookup = AppExecutors.TIMERS)
  ScheduledExecutorService timers;

  @Resource(lookup = AppExecutors.WORKERS)
  Executor workers;

  private final PendingWakeups pending = new PendingWakeups();
  private final LongSupplier clock;

  /** The running {@link Ticker}, or null while nothing waits: at most one at a time. */
  private final AtomicReference<Ticker> ticker = new AtomicReference<>();

  private volatile boolean stopped;

  public Delays() {
    this.clock = System::nanoTime;
  }

  /** For code outside a container, such as unit tests: ticks on {@code timers}, batches too. */
  public Delays(ScheduledExecutorService timers) {
    this(timers, timers, System::nanoTime);
  }

  /** For unit tests that move {@code clock} by hand and call {@link #tick()} themselves. */
  Delays(ScheduledExecutorService timers, Executor workers, LongSupplier clock) {
    this.timers = timers;
    this.workers = workers;
    this.clock = clock;
  }

  /** The application stops: no wait completes any more (callers that must not lose work drain). */
  @PreDestroy
  void stop() {
    stopped = true;
    Ticker running = ticker.get();
    if (running != null) {
      running.end();
    }
  }

  /** A stage that completes after {@code delay}; no thread waits meanwhile. */
  public CompletableFuture<Void> after(Duration delay) {
    var done = new CompletableFuture<Void>();
    pending.add(clock.getAsLong() + delay.toNanos(), () -> done.complete(null));
    tickWhileWaiting();
    return done;
  }

  /**
   * {@code work}, failed with {@code onTimeout}'s exception if it has not completed within {@code
   * deadline}. Unlike {@link CompletableFuture#orTimeout}, the timer is this managed one, not the
   * JDK's private daemon thread, and it is forgotten as soon as the work completes.
   */
  public <T> CompletableFuture<T> within(
      CompletableFuture<T> work, Duration deadline, Supplier<? extends Throwable> onTimeout) {
    Timer timer = schedule(deadline, () -> work.completeExceptionally(onTimeout.get()));
    work.whenComplete((result, error) -> timer.cancel());
    return work;
  }

  /**
   * Runs {@code action} on a container-managed thread once {@code delay} has passed, unless the
   * returned timer is cancelled first. A cancelled timer is forgotten at once: nothing it refers to
   * is kept until its time would have come.
   */
  public Timer schedule(Duration delay, Runnable action) {
    var wakeup = pending.add(clock.getAsLong() + delay.toNanos(), action);
    tickWhileWaiting();
    return () -> pending.cancel(wakeup);
  }

  /** A wait registered with {@link #schedule}. */
  @FunctionalInterface
  public interface Timer {
    /** Calls the wait off; does nothing once its action has been taken to run. */
    void cancel();
  }

  /** Waits not yet completed: for status pages and tests. */
  public int waiting() {
    return pending.size();
  }

  /** Starts the ticks unless they are running; they stop by themselves when nothing waits. */
  private void tickWhileWaiting() {
    // A plain read first: every wait comes through here, and while the ticker runs (under load,
    // always) it must not cost a compare-and-set on a field every request thread shares.
    if (timers == null || stopped || ticker.get() != null) {
      return;
    }
    var next = new Ticker();
    if (ticker.compareAndSet(null, next)) {
      try {
        timers.execute(next);
      } catch (RejectedExecutionException stopping) {
        // The executor is shutting down with the application: no wait completes any more.
        ticker.compareAndSet(next, null);
      }
    }
  }

  /**
   * The ticks from the first wait to the moment none is left, in one run on a timer thread: it
   * parks until the next tick, completes what is due, and returns once nothing waits. The next wait
   * starts a new one.
   */
  private final class Ticker implements Runnable {

    private volatile boolean ended;
    private volatile Thread thread;

    @Override
    public void run() {
      thread = Thread.currentThread();
      long next = clock.getAsLong() + TICK.toNanos();
      while (!ended && !stopped) {
        long left = next - clock.getAsLong();
        if (left > 0) {
          LockSupport.parkNanos(this, left);
          if (Thread.currentThread().isInterrupted()) {
            break; // The executor is shutting down with the application.
          }
          continue;
        }
        tick();
        if (pending.isEmpty()) {
          break;
        }
        next += TICK.toNanos();
        long now = clock.getAsLong();
        if (next - now < 0) {
          next = now; // A tick ran late (a long pause): one tick now, not a burst to catch up.
        }
      }
      ended = true;
      ticker.compareAndSet(this, null);
      // A wait added after the check above saw this ticker running and did not start one: start
      // it now. (One added after this ticker is gone starts its own.)
      if (!pending.isEmpty()) {
        tickWhileWaiting();
      }
    }

    void end() {
      ended = true;
      Thread parked = thread;
      if (parked != null) {
        LockSupport.unpark(parked);
      }
    }
  }

  /** Completes what is due. Never throws: the ticks must go on after one failed. */
  void tick() {
    try {
      List<Runnable> due = pending.takeDue(clock.getAsLong());
      int from = 0;
      for (; due.size() - from > BATCH; from += BATCH) {
        handOff(due.subList(from, from + BATCH));
      }
      // The rest, at most one batch, completes here: at 1000 requests a second that is a whole
      // tick's ~5 waits, and handing them off would wake a worker and capture a context for a few
      // resumes, while this managed thread is awake anyway (docs/EFFICIENCY-NOTES.md, section 33).
      // Ticks run one after the other, so only what exceeds a batch is worth a second core.
      runAll(due.subList(from, due.size()));
    } catch (RuntimeException unexpected) {
      LOG.log(
          Level.SEVERE, "timer tick failed; waits due now may complete one tick late", unexpected);
    }
  }

  private void handOff(List<Runnable> batch) {
    try {
      CachedServiceLookups.ofThisApplication().execute(workers, () -> runAll(batch));
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
