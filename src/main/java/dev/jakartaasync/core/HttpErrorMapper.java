package dev.jakartaasync.core;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Every HTTP error the JAX-RS runtime or a boundary raises (404 unknown path, 405, 415, our own
 * {@link ProblemException}s) leaves as {@code application/problem+json}, headers such as {@code
 * Allow} kept.
 */
@Provider
public class HttpErrorMapper implements ExceptionMapper<WebApplicationException> {

  @Context UriInfo uri;

  @Override
  public Response toResponse(WebApplicationException error) {
    if (error instanceof ProblemException problem) {
      return problem.getResponse();
    }
    Response original = error.getResponse();
    Problem problem = Problem.of(original.getStatusInfo(), detail(error));
    return copy(original).type(Problem.PROBLEM_JSON).entity(problem.toJson()).build();
  }

  private static Response.ResponseBuilder copy(Response original) {
    Response.ResponseBuilder builder = Response.status(original.getStatusInfo());
    original.getHeaders().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
    builder.header("Content-Type", null).header("Content-Length", null);
    return builder;
  }

  private String detail(WebApplicationException error) {
    String path = uri == null ? "this path" : "/" + uri.getPath(false).replaceFirst("^/", "");
    if (error instanceof NotFoundException) {
      return "Nothing is served at " + path + ". GET / lists what is.";
    }
    if (error instanceof NotAllowedException) {
      return "This method is not allowed on " + path + ".";
    }
    if (error instanceof NotSupportedException) {
      return "This media type is not supported by " + path + ".";
    }
    return error.getResponse().getStatusInfo().getReasonPhrase();
  }
}
