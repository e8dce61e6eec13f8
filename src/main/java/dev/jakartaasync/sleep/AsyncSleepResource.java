package dev.jakartaasync.sleep;

import dev.jakartaasync.core.Delays;
import dev.jakartaasync.core.ResponseDeadline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;

/**
 * Chapter 1, {@code GET /async-sleep}: the Jakarta EE form of {@code await asyncio.sleep(1)}.
 *
 * <p>The method returns at once with the response suspended; the request thread goes back to the
 * pool. A timer resumes the response a second later. While it waits, no thread is held, which is
 * why thousands of these can wait at the same time.
 */
@Path("async-sleep")
@ApplicationScoped
public class AsyncSleepResource {

  /** Slack on top of the requested sleep before the 503 safety net fires. */
  static final Duration GRACE = Duration.ofSeconds(5);

  @Inject Delays delays;
  @Inject ResponseDeadline deadline;

  public record SleepMessage(String message) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public void sleep(@QueryParam("seconds") String seconds, @Suspended AsyncResponse response) {
    SleepDuration sleep = SleepDuration.parse(seconds);
    deadline.apply(response, sleep.duration().plus(GRACE));
    delays
        .after(sleep.duration())
        .thenRun(() -> response.resume(new SleepMessage(sleep.message())));
  }
}
