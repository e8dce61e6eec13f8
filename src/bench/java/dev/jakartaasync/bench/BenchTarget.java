package dev.jakartaasync.bench;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What every simulation talks to and where it reports: the server under test ({@code -Dbench.url},
 * set by {@code bench/run}) and the one-line-per-scenario results file ({@code -Dbench.results}).
 */
final class BenchTarget {

  private BenchTarget() {}

  static String baseUrl() {
    return System.getProperty("bench.url", "http://localhost:8585");
  }

  static int intProperty(String name, int fallback) {
    return Integer.parseInt(System.getProperty(name, Integer.toString(fallback)));
  }

  /**
   * HTTP/1.1 as a browser or curl would do it. {@code shareConnections} stays off: every virtual
   * user opens its own connection, so a user that makes one request measures a fresh connection.
   * Gatling's warm-up call (a request to gatling.io) is off: it is not part of the load.
   */
  static HttpProtocolBuilder http() {
    return http.baseUrl(baseUrl())
        .acceptHeader("application/json")
        .disableWarmUp()
        .disableCaching()
        .disableFollowRedirect();
  }

  /** Appends the scenario's summary line to the results file and prints it. */
  static void report(String line) {
    System.out.println("BENCH " + line);
    String file = System.getProperty("bench.results");
    if (file == null) {
      return;
    }
    try {
      Files.writeString(
          Path.of(file),
          line + System.lineSeparator(),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
