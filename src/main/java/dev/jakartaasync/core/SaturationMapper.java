package dev.jakartaasync.core;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.concurrent.RejectedExecutionException;

/**
 * A managed executor that refuses more work means "too busy right now": a 503 the client may retry,
 * not a 500.
 */
@Provider
public class SaturationMapper implements ExceptionMapper<RejectedExecutionException> {

  static final String RETRY_AFTER_SECONDS = "1";

  @Override
  public Response toResponse(RejectedExecutionException error) {
    return Response.fromResponse(
            Problem.of(
                    Response.Status.SERVICE_UNAVAILABLE,
                    "The server is at capacity right now. Retry shortly.")
                .toResponse())
        .header("Retry-After", RETRY_AFTER_SECONDS)
        .build();
  }
}
