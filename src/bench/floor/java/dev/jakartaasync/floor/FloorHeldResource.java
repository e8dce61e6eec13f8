package dev.jakartaasync.floor;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server's floor for chapter 1's exact load shape: a JAX-RS request suspended, held 1 s, then
 * resumed with the constant answer. Measured like {@code /async-sleep} (1000 connections, so ~1000
 * requests a second with 1000 held at once), whereas {@link FloorResource} runs flat out on 100
 * connections: a server's cost per request depends on its rate and on how many requests it holds
 * (selector wake-ups, idle connections, timer), so only the same shape tells stack from
 * application.
 *
 * <p>The 1 s is held by a JDK timer (one thread, ~1 µs per request), not a managed executor: the
 * floor is what the stack costs; which timer to use, and what it costs, is the application's choice
 * and belongs to its share. Bench-only, never part of the product.
 */
@Path("floor/held")
public class FloorHeldResource {

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "floor-timer");
            thread.setDaemon(true);
            return thread;
          });

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public void get(@Suspended AsyncResponse response) {
    TIMER.schedule(() -> response.resume(FloorResource.MESSAGE), 1, TimeUnit.SECONDS);
  }
}
