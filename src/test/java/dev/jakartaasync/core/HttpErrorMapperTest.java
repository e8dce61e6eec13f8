package dev.jakartaasync.core;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class HttpErrorMapperTest {

  private final HttpErrorMapper mapper = new HttpErrorMapper();

  @Test
  void notAllowedKeepsTheAllowHeader() {
    Response response = mapper.toResponse(new NotAllowedException("GET", new String[] {"HEAD"}));

    assertThat(response.getStatus()).isEqualTo(405);
    assertThat(response.getMediaType()).isEqualTo(Problem.PROBLEM_JSON);
    assertThat(response.getHeaderString("Allow")).contains("GET");
    assertThat((String) response.getEntity()).contains("\"status\":405");
  }

  @Test
  void notFoundBecomesAProblem() {
    Response response = mapper.toResponse(new NotFoundException());

    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(response.getMediaType()).isEqualTo(Problem.PROBLEM_JSON);
    assertThat((String) response.getEntity()).contains("GET / lists what is");
  }

  @Test
  void aProblemExceptionPassesThroughUnchanged() {
    Problem problem = Problem.badInput("seconds", "bad");

    Response response = mapper.toResponse(new ProblemException(problem));

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat((String) response.getEntity()).isEqualTo(problem.toJson());
  }

  @Test
  void saturationIsARetryable503() {
    Response response = new SaturationMapper().toResponse(new RejectedExecutionException("full"));

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getMediaType()).isEqualTo(Problem.PROBLEM_JSON);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
  }

  @Test
  void unexpectedErrorsHideTheirStackTrace() {
    Response response =
        new UnexpectedErrorMapper().toResponse(new IllegalStateException("secret internals"));

    assertThat(response.getStatus()).isEqualTo(500);
    assertThat((String) response.getEntity()).doesNotContain("secret").contains("incident");
  }
}
