package dev.jakartaasync.clock;

import dev.jakartaasync.core.AppExecutors;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one clock of the application: a 1 Hz timer on the managed scheduled executor that publishes
 * each second to every subscriber at once. Not a timer or a thread per client: 10 000 streams cost
 * one timer.
 *
 * <p>Ticks are aligned to wall-clock seconds: each run schedules the next one for the start of the
 * next second, so a fixed-rate timer's drift against the wall clock never builds up.
 */
@ApplicationScoped
public class ClockTicker {

  private static final Logger LOG = Logger.getLogger(ClockTicker.class.getName());

  @Resource(lookup = AppExecutors.TIMERS)
  ScheduledExecutorService timers;

  @Inject TickBroadcast broadcast;

  Clock clock = Clock.systemDefaultZone();

  private boolean running;
  private boolean stopped;
  private ScheduledFuture<?> next;

  public ClockTicker() {}

  /** For code outside a container, such as unit tests. */
  ClockTicker(ScheduledExecutorService timers, TickBroadcast broadcast, Clock clock) {
    this.timers = timers;
    this.broadcast = broadcast;
    this.clock = clock;
  }

  /**
   * Starts the ticker with the first subscriber; later calls (and calls once stopped) do nothing.
   */
  synchronized void ensureRunning() {
    if (!running && !stopped) {
      running = true;
      scheduleFor(now().second() + 1);
    }
  }

  /** What a new subscriber sees at once: the current second. */
  ClockTick now() {
    return ClockTick.containing(clock.millis(), clock.getZone());
  }

  /**
   * How long from {@code epochMillis} until the tick for {@code second} is due: just past the start
   * of that second, so that the tick and a subscriber connecting then agree on the time.
   */
  static long delayUntil(long second, long epochMillis) {
    return Math.max(0, second * 1000 + 1 - epochMillis);
  }

  private void tick() {
    ClockTick tick = ClockTick.nearest(clock.millis(), clock.getZone());
    try {
      broadcast.publish(tick);
    } catch (RuntimeException e) {
      // One bad tick must not stop the clock for everybody.
      LOG.log(Level.WARNING, "clock tick failed", e);
    } finally {
      // From the second just published, not from "now": a run that fired a little early or late
      // neither repeats a second nor skips one.
      scheduleFor(tick.second() + 1);
    }
  }

  private synchronized void scheduleFor(long second) {
    if (!running) {
      return;
    }
    try {
      next = timers.schedule(this::tick, delayUntil(second, clock.millis()), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      running = false;
    }
  }

  /** Undeploy or shutdown: no tick fires after this. */
  @PreDestroy
  synchronized void stop() {
    stopped = true;
    running = false;
    if (next != null) {
      next.cancel(false);
    }
  }
}
