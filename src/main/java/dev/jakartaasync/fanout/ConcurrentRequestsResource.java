package dev.jakartaasync.fanout;

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
import java.util.concurrent.CompletionException;

/**
 * Chapter 2, {@code GET /concurrent-requests}: two slow calls at once, one suspended response.
 * Optional {@code ?fail=one|two} and {@code ?slow=one|two} show the 502 and 504 paths.
 */
@Path("concurrent-requests")
@ApplicationScoped
public class ConcurrentRequestsResource {

  /** Beyond every service deadline: the 503 net only catches what nothing else answered. */
  static final Duration RESPONSE_DEADLINE = Duration.ofSeconds(5);

  @Inject ConcurrentCalls calls;
  @Inject ResponseDeadline deadline;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public void callBoth(
      @QueryParam("fail") String fail,
      @QueryParam("slow") String slow,
      @Suspended AsyncResponse response) {
    Faults faults = Faults.parse(fail, slow);
    deadline.apply(response, RESPONSE_DEADLINE);
    calls
        .callBoth(faults)
        .whenComplete(
            (replies, error) -> {
              if (error == null) {
                response.resume(replies);
              } else {
                response.resume(unwrap(error));
              }
            });
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }
}
