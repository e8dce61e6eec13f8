package dev.jakartaasync.clock;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Debian {@code chromium} driven through {@code chromedriver}'s W3C WebDriver HTTP API: enough
 * to open a page and read what its script shows, without a browser download or a Selenium
 * dependency. {@link #available()} is false where the packages are missing (.ci/run installs them).
 */
final class HeadlessChromium implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final HttpClient http = HttpClient.newHttpClient();
  private final Process driver;
  private final URI session;
  private final Path profile;

  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  HeadlessChromium() throws IOException, InterruptedException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    driver =
        new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    URI root = URI.create("http://localhost:" + port + "/");
    awaitReady(root);
    profile = Files.createTempDirectory("chromium-profile");
    String capabilities =
        """
        {"capabilities":{"alwaysMatch":{"browserName":"chrome","goog:chromeOptions":{
          "binary":"%s","args":["--headless","--no-sandbox","--disable-gpu","--disable-quic",
          "--no-first-run","--disable-background-networking","--disable-component-update",
          "--disable-sync","--user-data-dir=%s"]}}}}
        """
            .formatted(CHROMIUM, profile);
    JsonObject created = call("POST", root.resolve("session"), capabilities);
    session = root.resolve("session/" + created.getString("sessionId"));
  }

  void open(String url) throws IOException, InterruptedException {
    callForValue(
        "POST",
        URI.create(session + "/url"),
        Json.createObjectBuilder().add("url", url).build().toString());
  }

  /** Runs {@code return ...;} in the page and gives back the value as a string. */
  String eval(String script) throws IOException, InterruptedException {
    String body =
        Json.createObjectBuilder()
            .add("script", script)
            .add("args", Json.createArrayBuilder())
            .build()
            .toString();
    JsonValue value = callForValue("POST", URI.create(session + "/execute/sync"), body);
    return value.getValueType() == JsonValue.ValueType.STRING
        ? ((jakarta.json.JsonString) value).getString()
        : value.toString();
  }

  @Override
  public void close() {
    try {
      http.send(
          HttpRequest.newBuilder(session).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException | InterruptedException ignored) {
      // the driver goes anyway
    } finally {
      // The browser is the driver's child: end it too, whatever state the session is in.
      driver.descendants().forEach(ProcessHandle::destroy);
      driver.destroy();
      deleteProfile();
    }
  }

  /** Best effort: a browser profile is a few MB that nobody needs after the test. */
  private void deleteProfile() {
    try (var paths = Files.walk(profile)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | RuntimeException ignored) {
      // leave it to the temp cleaner
    }
  }

  private void awaitReady(URI root) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        HttpResponse<String> status =
            http.send(
                HttpRequest.newBuilder(root.resolve("status")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (status.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          driver.destroy();
          throw notYet;
        }
      }
      Thread.sleep(100);
    }
  }

  private JsonObject call(String method, URI uri, String body)
      throws IOException, InterruptedException {
    return callForValue(method, uri, body).asJsonObject();
  }

  private JsonValue callForValue(String method, URI uri, String body)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonObject reply = Json.createReader(new StringReader(response.body())).readObject();
    if (response.statusCode() != 200) {
      throw new IOException("WebDriver " + method + " " + uri + ": " + response.body());
    }
    return reply.get("value");
  }
}
