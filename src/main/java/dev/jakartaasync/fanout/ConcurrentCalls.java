package dev.jakartaasync.fanout;

import dev.jakartaasync.core.AppExecutors;
import dev.jakartaasync.core.CachedServiceLookups;
import dev.jakartaasync.core.Delays;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

/**
 * Calls both simulated services at once and combines their replies: the Jakarta EE form of {@code
 * asyncio.gather(one(), two())}.
 *
 * <p>Each call is started on the managed executor; its latency is a thread-free timer ({@link
 * Delays}); each has its own deadline. {@code thenCombine} joins them without blocking any thread,
 * so the whole takes as long as the slowest call (1.5 s), not the sum (2.5 s).
 *
 * <p>The submissions run with {@link CachedServiceLookups} as context class loader: on Payara each
 * managed submission otherwise scans the class path for context providers, measured as most of what
 * this chapter adds above the server's own cost per request (docs/BENCHMARKS.md).
 */
@ApplicationScoped
public class ConcurrentCalls {

  /** Past this a service counts as down. The slowest healthy one needs 1.5 s. */
  static final Duration DEADLINE = Duration.ofSeconds(2);

  /** How much longer than usual a service takes when a reader asks for {@code ?slow=}. */
  static final Duration SLOWDOWN = Duration.ofSeconds(3);

  @Inject Delays delays;

  @Resource(lookup = AppExecutors.WORKERS)
  Executor workers;

  LongSupplier clock = System::nanoTime;

  public ConcurrentCalls() {}

  ConcurrentCalls(Delays delays, Executor workers) {
    this.delays = delays;
    this.workers = workers;
  }

  CompletableFuture<CombinedReplies> callBoth(Faults faults) {
    long start = clock.getAsLong();
    CompletableFuture<ServiceReply> one = call(SimulatedService.ONE, faults);
    CompletableFuture<ServiceReply> two = call(SimulatedService.TWO, faults);
    return one.thenCombine(
        two,
        (first, second) ->
            new CombinedReplies(List.of(first, second), (clock.getAsLong() - start) / 1_000_000));
  }

  private CompletableFuture<ServiceReply> call(SimulatedService service, Faults faults) {
    var reply = new CompletableFuture<ServiceReply>();
    try {
      CachedServiceLookups.ofThisApplication()
          .execute(workers, () -> simulate(service, faults, reply));
    } catch (RejectedExecutionException saturated) {
      reply.completeExceptionally(saturated);
    }
    return delays.within(
        reply, DEADLINE, () -> ServiceCallException.timedOut(service.name(), DEADLINE.toMillis()));
  }

  /** Runs on a worker: "sends the request" and returns; the reply arrives on a timer. */
  private void simulate(
      SimulatedService service, Faults faults, CompletableFuture<ServiceReply> reply) {
    Duration latency = faults.slows(service) ? service.latency().plus(SLOWDOWN) : service.latency();
    delays
        .after(latency)
        .thenRun(
            () -> {
              if (faults.fails(service)) {
                reply.completeExceptionally(ServiceCallException.failed(service.name()));
              } else {
                reply.complete(service.reply());
              }
            });
  }
}
