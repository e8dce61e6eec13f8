package dev.jakartaasync.core;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pages at their exact URLs, their assets, and errors as problem+json where JAX-RS answers. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PagesIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return TheWar.asBuilt();
  }

  @ArquillianResource URL base;

  /**
   * The tutorial's URLs start at {@code /} on every server: the WAR's name and its descriptors put
   * it there ({@code base} is where the server says it deployed the WAR).
   */
  @Test
  void theWarIsDeployedAtTheContextRoot() {
    assertThat(base.getPath()).isEqualTo("/");
  }

  @Test
  void indexListsEveryChapterWithItsTryItCommandAndFile() {
    given()
        .baseUri(base.toString())
        .get("/")
        .then()
        .statusCode(200)
        .contentType(startsWith("text/html"))
        .body(containsString("curl http://localhost:8080/async-sleep"))
        .body(containsString("curl http://localhost:8080/concurrent-requests"))
        .body(containsString("/send-notification/"))
        .body(containsString("curl -N http://localhost:8080/stream-time"))
        .body(containsString("/chat-demo"))
        .body(containsString("sleep/AsyncSleepResource.java"));
  }

  @Test
  void chatDemoAndStreamDemoAreHtmlPages() {
    for (String page : new String[] {"/chat-demo", "/stream-demo"}) {
      given()
          .baseUri(base.toString())
          .get(page)
          .then()
          .statusCode(200)
          .contentType(startsWith("text/html"))
          .body(containsString("<html"));
    }
  }

  @Test
  void staticAssetsAreServedByTheContainer() {
    given()
        .baseUri(base.toString())
        .get("/static/site.css")
        .then()
        .statusCode(200)
        .contentType(startsWith("text/css"))
        .body(containsString(":root"));
  }

  @Test
  void unknownPathIsAProblem404() {
    given()
        .baseUri(base.toString())
        .get("/no-such-chapter")
        .then()
        .statusCode(404)
        .contentType(startsWith(Problem.MEDIA_TYPE))
        .body("status", equalTo(404))
        .body("title", equalTo("Not Found"))
        .body("detail", containsString("/no-such-chapter"));
  }

  @Test
  void wrongMethodIsAProblem405WithAllow() {
    given()
        .baseUri(base.toString())
        .delete("/async-sleep")
        .then()
        .statusCode(405)
        .contentType(startsWith(Problem.MEDIA_TYPE))
        .header("Allow", containsString("GET"))
        .body("status", equalTo(405));
  }
}
