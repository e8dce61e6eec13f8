package dev.jakartaasync.fanout;

import dev.jakartaasync.core.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A failed downstream call is the gateway's problem to report: 502, or 504 when it was late. */
@Provider
public class ServiceCallMapper implements ExceptionMapper<ServiceCallException> {

  @Override
  public Response toResponse(ServiceCallException error) {
    Response.Status status =
        error.kind() == ServiceCallException.Kind.TIMED_OUT
            ? Response.Status.GATEWAY_TIMEOUT
            : Response.Status.BAD_GATEWAY;
    return Problem.of(status, error.getMessage()).with("service", error.service()).toResponse();
  }
}
