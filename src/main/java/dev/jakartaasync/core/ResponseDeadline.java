package dev.jakartaasync.core;

import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The safety net under every suspended response: if nothing resumes it in time, the client gets a
 * 503 problem instead of a connection that hangs until some proxy gives up.
 */
public final class ResponseDeadline {

  private ResponseDeadline() {}

  public static void apply(AsyncResponse response, Duration deadline) {
    response.setTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
    response.setTimeoutHandler(
        expired ->
            expired.resume(
                Problem.of(
                        Response.Status.SERVICE_UNAVAILABLE,
                        "No answer within " + deadline.toMillis() + " ms. Retry shortly.")
                    .toResponse()));
  }
}
