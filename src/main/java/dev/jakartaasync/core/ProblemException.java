package dev.jakartaasync.core;

import jakarta.ws.rs.WebApplicationException;

/** Ends a request with a {@link Problem}; thrown by boundaries, or passed to {@code resume}. */
public class ProblemException extends WebApplicationException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail(), problem.toResponse());
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
