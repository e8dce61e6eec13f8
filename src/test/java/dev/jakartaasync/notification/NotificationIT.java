package dev.jakartaasync.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.jakartaasync.core.Problem;
import dev.jakartaasync.core.TheWar;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
class NotificationIT {

  static final String SENT = "{\"message\":\"Notification sent in the background\"}";
  static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}";
  static final int TIMESTAMP_LENGTH = "2026-11-24 18:44:14.198323".length();

  @Deployment(testable = false)
  static WebArchive war() {
    return TheWar.asBuilt();
  }

  @ArquillianResource URL base;

  final NotificationLogFile log = NotificationLogFile.ofTheTestServer();
  final String marker = "it-" + UUID.randomUUID();

  @BeforeEach
  void warmUp() {
    post("/send-notification/?email=warm@example.com&message=warm-up").then().statusCode(202);
  }

  @Test
  void answers202AtOnceAndWritesTheExactLineAboutThreeSecondsLater() {
    long start = System.nanoTime();
    String body =
        post("/send-notification/?email=ada@example.com&message=Hello%20" + marker)
            .then()
            .statusCode(202)
            .contentType(startsWith("application/json"))
            .extract()
            .asString();
    long answeredMs = millisSince(start);

    assertThat(body).isEqualTo(SENT);
    assertThat(answeredMs).as("answered before the background work").isLessThan(1000);

    List<String> lines = log.await(marker, l -> !l.isEmpty(), Duration.ofSeconds(10));
    long writtenMs = millisSince(start);
    assertThat(lines)
        .singleElement()
        .asString()
        .matches(TIMESTAMP + ": Notification to ada@example\\.com: Hello " + marker);
    assertThat(writtenMs).as("written after the 3 s delay").isBetween(2900L, 8000L);
  }

  @Test
  void worksWithoutTheTrailingSlashAndWithAFormBody() {
    post("/send-notification?email=ada@example.com&message=no-slash-" + marker)
        .then()
        .statusCode(202)
        .body(equalTo(SENT));
    given()
        .baseUri(base.toString())
        .contentType(ContentType.URLENC)
        .formParam("email", "bob@example.com")
        .formParam("message", "form-" + marker)
        .post("/send-notification/")
        .then()
        .statusCode(202)
        .body(equalTo(SENT));

    List<String> lines = log.await(marker, l -> l.size() >= 2, Duration.ofSeconds(10));
    assertThat(lines)
        .hasSize(2)
        .anyMatch(l -> l.endsWith(": Notification to ada@example.com: no-slash-" + marker))
        .anyMatch(l -> l.endsWith(": Notification to bob@example.com: form-" + marker));
  }

  @Test
  void aBurstOf200FromFiftyClientsIsWrittenWholeExactlyOnceWithinSixSeconds() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Semaphore fiftyClients = new Semaphore(50);
    List<CompletableFuture<HttpResponse<String>>> calls =
        IntStream.range(0, 200)
            .mapToObj(
                i -> {
                  fiftyClients.acquireUninterruptibly();
                  return client
                      .sendAsync(postRequest("burst@example.com", marker + "-" + i), ofString())
                      .whenComplete((response, error) -> fiftyClients.release());
                })
            .toList();
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    long lastResponse = System.nanoTime();
    for (var call : calls) {
      assertThat(call.join().statusCode()).isEqualTo(202);
    }

    List<String> lines = log.await(marker, l -> l.size() >= 200, Duration.ofSeconds(6));
    long allWrittenMs = millisSince(lastResponse);

    assertThat(lines)
        .hasSize(200)
        .allMatch(
            l ->
                l.matches(
                    TIMESTAMP + ": Notification to burst@example\\.com: " + marker + "-\\d+"));
    Set<String> distinct =
        lines.stream().map(l -> l.substring(l.lastIndexOf('-') + 1)).collect(Collectors.toSet());
    assertThat(distinct).hasSize(200);
    assertThat(allWrittenMs).as("all 200 written within 6 s of the last response").isLessThan(6000);
  }

  @Test
  void aMessageCannotForgeASecondLogLine() {
    given()
        .baseUri(base.toString())
        .contentType(ContentType.URLENC)
        .formParam("email", "eve@example.com")
        .formParam("message", "hi " + marker + "\nFAKE: Notification to admin")
        .post("/send-notification/")
        .then()
        .statusCode(202);
    post("/send-notification/?email=eve@example.com&message=" + encode("\r\n" + marker + "\u2028x"))
        .then()
        .statusCode(202);

    List<String> lines = log.await(marker, l -> l.size() >= 2, Duration.ofSeconds(10));
    assertThat(lines).allMatch(l -> l.matches(TIMESTAMP + ": .*"));
    assertThat(lines.stream().map(l -> l.substring(TIMESTAMP_LENGTH + 2)))
        .containsExactlyInAnyOrder(
            "Notification to eve@example.com: hi " + marker + "\\nFAKE: Notification to admin",
            "Notification to eve@example.com: \\r\\n" + marker + "\\u2028x");
    assertThat(log.linesContaining("FAKE")).noneMatch(l -> l.startsWith("FAKE"));
  }

  @Test
  void missingOrBlankFieldsAre400ProblemsNamingTheField() {
    assertBadInput("/send-notification/?message=Hello", "email");
    assertBadInput("/send-notification/?email=&message=Hello", "email");
    assertBadInput("/send-notification/?email=ada@example.com", "message");
    assertBadInput("/send-notification/?email=ada@example.com&message=%20%20", "message");
    assertBadInput("/send-notification/", "email");
  }

  @Test
  void aBadAddressOrAnOverlongMessageIsA400() {
    assertBadInput("/send-notification/?email=not-an-address&message=Hello", "email");
    assertBadInput("/send-notification/?email=" + encode("a\n@b.io") + "&message=Hello", "email");
    assertBadInput(
        "/send-notification/?email=ada@example.com&message=" + "x".repeat(1001), "message");
  }

  @Test
  void aWrongMethodIs405AndAWrongMediaTypeIs415AsProblems() {
    given()
        .baseUri(base.toString())
        .get("/send-notification/?email=ada@example.com&message=Hello")
        .then()
        .statusCode(405)
        .header("Allow", containsString("POST"))
        .contentType(startsWith(Problem.MEDIA_TYPE))
        .body("status", equalTo(405));
    given()
        .baseUri(base.toString())
        .contentType(ContentType.JSON)
        .body("{\"email\":\"ada@example.com\",\"message\":\"Hello\"}")
        .post("/send-notification/")
        .then()
        .statusCode(415)
        .contentType(startsWith(Problem.MEDIA_TYPE))
        .body("status", equalTo(415));
  }

  @Test
  void theStatusCountsWhatWasAcceptedAndWritten() {
    JsonPath before = status();
    post("/send-notification/?email=ada@example.com&message=counted-" + marker)
        .then()
        .statusCode(202);
    JsonPath accepted = status();
    assertThat(accepted.getLong("accepted")).isGreaterThan(before.getLong("accepted"));

    log.await(marker, l -> !l.isEmpty(), Duration.ofSeconds(10));
    JsonPath after = status();
    assertThat(after.getLong("written")).isGreaterThan(before.getLong("written"));
    assertThat(after.getLong("failed")).isZero();
  }

  private Response post(String path) {
    // The paths carry their own percent-encoding (CR, LF, U+2028): send them as they are.
    return given().baseUri(base.toString()).urlEncodingEnabled(false).post(path);
  }

  private JsonPath status() {
    return given()
        .baseUri(base.toString())
        .get("/send-notification/status")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private void assertBadInput(String path, String field) {
    post(path)
        .then()
        .statusCode(400)
        .contentType(startsWith(Problem.MEDIA_TYPE))
        .body("status", equalTo(400))
        .body("field", equalTo(field));
  }

  private HttpRequest postRequest(String email, String message) {
    return HttpRequest.newBuilder(
            URI.create(
                base + "send-notification/?email=" + encode(email) + "&message=" + encode(message)))
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
