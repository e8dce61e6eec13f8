package dev.jakartaasync.core;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Waiting without holding a thread: the Java counterpart of {@code await asyncio.sleep(n)}.
 *
 * <p>A wait is a timer on the application's managed scheduled executor. Nothing blocks while it
 * runs; when it fires, the completion (and whatever depends on it) runs on a container-managed
 * thread, so it may resume a JAX-RS response or send on a WebSocket safely.
 */
@ApplicationScoped
public class Delays {

  @Resource(lookup = AppExecutors.TIMERS)
  ScheduledExecutorService timers;

  public Delays() {}

  /** For code outside a container, such as unit tests. */
  public Delays(ScheduledExecutorService timers) {
    this.timers = timers;
  }

  /** A stage that completes after {@code delay}; no thread waits meanwhile. */
  public CompletableFuture<Void> after(Duration delay) {
    var done = new CompletableFuture<Void>();
    timers.schedule(() -> done.complete(null), delay.toNanos(), TimeUnit.NANOSECONDS);
    return done;
  }

  /**
   * {@code work}, failed with {@code onTimeout}'s exception if it has not completed within {@code
   * deadline}. Unlike {@link CompletableFuture#orTimeout}, the timer is a managed one, not the
   * JDK's private daemon thread, and it is cancelled as soon as the work completes.
   */
  public <T> CompletableFuture<T> within(
      CompletableFuture<T> work, Duration deadline, Supplier<? extends Throwable> onTimeout) {
    var timer =
        timers.schedule(
            () -> work.completeExceptionally(onTimeout.get()),
            deadline.toNanos(),
            TimeUnit.NANOSECONDS);
    work.whenComplete((result, error) -> timer.cancel(false));
    return work;
  }
}
