package dev.jakartaasync.fanout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.jakartaasync.core.Problem;
import dev.jakartaasync.core.TheWar;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConcurrentRequestsIT {

  static final String RESULTS =
      "{\"results\":[{\"service\":\"one\",\"data\":\"some data\"},"
          + "{\"service\":\"two\",\"data\":\"more data\"}],\"elapsedMs\":";

  @Deployment(testable = false)
  static WebArchive war() {
    return TheWar.asBuilt();
  }

  @ArquillianResource URL base;

  @BeforeEach
  void warmUp() {
    given().baseUri(base.toString()).get("/concurrent-requests").then().statusCode(200);
  }

  @Test
  void bothCallsOverlapAboutOnePointFiveSecondsNotTwoPointFive() {
    long start = System.nanoTime();
    String body =
        given()
            .baseUri(base.toString())
            .get("/concurrent-requests")
            .then()
            .statusCode(200)
            .contentType(startsWith("application/json"))
            .extract()
            .asString();
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(body).startsWith(RESULTS).endsWith("}");
    long reported = JsonPath.from(body).getLong("elapsedMs");
    assertThat(reported).isBetween(1450L, 2200L);
    assertThat(elapsedMs).isGreaterThanOrEqualTo(1500).isLessThan(2200);
  }

  @Test
  void aFailingServiceIsA502NamingIt() {
    given()
        .baseUri(base.toString())
        .get("/concurrent-requests?fail=two")
        .then()
        .statusCode(502)
        .contentType(startsWith(Problem.MEDIA_TYPE))
        .body("status", equalTo(502))
        .body("service", equalTo("two"))
        .body("detail", containsString("two"));
  }

  @Test
  void aServiceMissingItsDeadlineIsA504NamingIt() {
    given()
        .baseUri(base.toString())
        .get("/concurrent-requests?slow=one")
        .then()
        .statusCode(504)
        .contentType(startsWith(Problem.MEDIA_TYPE))
        .body("status", equalTo(504))
        .body("service", equalTo("one"));
  }

  @Test
  void anUnknownServiceIsA400() {
    given()
        .baseUri(base.toString())
        .get("/concurrent-requests?fail=three")
        .then()
        .statusCode(400)
        .contentType(startsWith(Problem.MEDIA_TYPE))
        .body("field", equalTo("fail"));
  }
}
