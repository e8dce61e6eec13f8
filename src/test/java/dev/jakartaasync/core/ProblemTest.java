package dev.jakartaasync.core;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ProblemTest {

  @Test
  void carriesTheRfc9457MembersAndExtensions() {
    Problem problem = Problem.badInput("email", "email must be an address.");

    JsonObject json = Json.createReader(new StringReader(problem.toJson())).readObject();

    assertThat(json.getString("type")).isEqualTo("about:blank");
    assertThat(json.getString("title")).isEqualTo("Bad Request");
    assertThat(json.getInt("status")).isEqualTo(400);
    assertThat(json.getString("detail")).isEqualTo("email must be an address.");
    assertThat(json.getString("field")).isEqualTo("email");
  }

  @Test
  void becomesAResponseOfTheProblemMediaType() {
    Response response = Problem.of(Response.Status.GATEWAY_TIMEOUT, "late").toResponse();

    assertThat(response.getStatus()).isEqualTo(504);
    assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
    assertThat((String) response.getEntity()).contains("\"detail\":\"late\"");
  }

  @Test
  void withAddsAMemberWithoutChangingTheOriginal() {
    Problem plain = Problem.of(Response.Status.BAD_GATEWAY, "down");
    Problem named = plain.with("service", "two");

    assertThat(plain.extensions()).isEmpty();
    assertThat(named.extensions()).containsEntry("service", "two");
  }
}
