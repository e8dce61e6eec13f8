package dev.jakartaasync.core;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.CompletionCallback;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * The safety net under every suspended response: if nothing resumes it in time, the client gets a
 * 503 problem instead of a connection that hangs until some proxy gives up.
 *
 * <p>Why not {@code AsyncResponse.setTimeout}, the API made for this: on WildFly, RESTEasy builds
 * its thread-context propagation (a {@code ServiceLoader} scan) for every call, and schedules a
 * timer task of its own per request. In a JFR profile of 1000 connections on {@code /async-sleep}
 * that was 21 % of the server's CPU (docs/EFFICIENCY-NOTES.md). The deadline is instead one more
 * entry on the application's own timer ({@link Delays}), called off as soon as the response has
 * been sent, on every server. The client sees the same 503.
 */
@ApplicationScoped
public class ResponseDeadline {

  @Inject Delays delays;

  public ResponseDeadline() {}

  /** For code outside a container, such as unit tests. */
  ResponseDeadline(Delays delays) {
    this.delays = delays;
  }

  public void apply(AsyncResponse response, Duration deadline) {
    Delays.Timer timer = delays.schedule(deadline, () -> expire(response, deadline));
    // Called once the response has been written (or failed): the timer is forgotten at once.
    response.register((CompletionCallback) failure -> timer.cancel());
  }

  private static void expire(AsyncResponse response, Duration deadline) {
    // False (nothing happens) if an answer won the race meanwhile.
    response.resume(
        Problem.of(
                Response.Status.SERVICE_UNAVAILABLE,
                "No answer within " + deadline.toMillis() + " ms. Retry shortly.")
            .toResponse());
  }
}
