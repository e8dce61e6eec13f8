package dev.jakartaasync.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chapter 3's throughput claim, measured: a burst of {@code --count} notifications from {@code
 * --concurrency} clients is accepted at some rate, and every one of them is in the log, exactly
 * once, shortly after the delay.
 *
 * <pre>
 * java ... NotificationDrainCheck --base-url http://localhost:8080/ --log app.log \
 *     --count 1000 --concurrency 50 [--warmup 200] [--timeout-seconds 60]
 * </pre>
 *
 * Prints one summary line: accepted requests/s, the time from the last response to the last line
 * written (from the lines' own timestamps: server and client must share a clock, i.e. a machine),
 * and how many lines were lost or duplicated.
 */
public final class NotificationDrainCheck {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

  private NotificationDrainCheck() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    URI base = URI.create(withSlash(require(options, "--base-url")));
    Path log = Path.of(require(options, "--log"));
    int count = Integer.parseInt(options.getOrDefault("--count", "1000"));
    int concurrency = Integer.parseInt(options.getOrDefault("--concurrency", "50"));
    int warmup = Integer.parseInt(options.getOrDefault("--warmup", "200"));
    Duration timeout =
        Duration.ofSeconds(Long.parseLong(options.getOrDefault("--timeout-seconds", "60")));

    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    // Warm-up: JIT and connections, with its own marker so its lines are not counted.
    String warmupRun = "warmup-" + UUID.randomUUID();
    burst(client, base, warmupRun, warmup, concurrency);

    String run = "drain-" + UUID.randomUUID();
    Burst burst = burst(client, base, run, count, concurrency);
    LocalDateTime lastResponseAt = burst.lastResponseAt();

    Lines lines = awaitLines(log, run, burst.accepted(), timeout);
    long drainMs =
        lines.lastWrittenAt() == null
            ? -1
            : ChronoUnit.MILLIS.between(lastResponseAt, lines.lastWrittenAt());
    double acceptedPerSecond = burst.accepted() / (burst.elapsedNanos() / 1e9);
    System.out.printf(
        "notifications=%d concurrency=%d accepted=%d rejected=%d accepted_req_per_s=%.0f"
            + " last_response_to_last_line_ms=%d unique_lines=%d lost=%d duplicated=%d%n",
        count,
        concurrency,
        burst.accepted(),
        count - burst.accepted(),
        acceptedPerSecond,
        drainMs,
        lines.unique(),
        burst.accepted() - lines.unique(),
        lines.duplicated());
  }

  private record Burst(int accepted, long elapsedNanos, LocalDateTime lastResponseAt) {}

  private record Lines(int unique, int duplicated, LocalDateTime lastWrittenAt) {}

  /**
   * {@code count} POSTs, at most {@code concurrency} in flight: each client sends its next on the
   * previous one's response.
   */
  private static Burst burst(HttpClient client, URI base, String run, int count, int concurrency) {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger accepted = new AtomicInteger();
    long start = System.nanoTime();
    CompletableFuture<?>[] clients = new CompletableFuture<?>[concurrency];
    for (int c = 0; c < concurrency; c++) {
      clients[c] = sendNext(client, base, run, count, next, accepted);
    }
    CompletableFuture.allOf(clients).join();
    long end = System.nanoTime();
    return new Burst(accepted.get(), end - start, LocalDateTime.now());
  }

  private static CompletableFuture<Void> sendNext(
      HttpClient client,
      URI base,
      String run,
      int count,
      AtomicInteger next,
      AtomicInteger accepted) {
    int i = next.getAndIncrement();
    if (i >= count) {
      return CompletableFuture.completedFuture(null);
    }
    String query =
        "email=bench%40example.com&message="
            + URLEncoder.encode(run + "-" + i, StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("send-notification/?" + query))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, error) -> {
              if (error == null && response.statusCode() == 202) {
                accepted.incrementAndGet();
              }
              return null;
            })
        .thenCompose(ignored -> sendNext(client, base, run, count, next, accepted));
  }

  /** Polls the log until {@code expected} distinct lines of this run are there, or time is up. */
  private static Lines awaitLines(Path log, String run, int expected, Duration timeout)
      throws IOException {
    Pattern line =
        Pattern.compile("^(\\S+ \\S+): Notification to \\S+: " + Pattern.quote(run) + "-(\\d+)$");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<String, Integer> seen = new HashMap<>();
      LocalDateTime last = null;
      for (String text : readLines(log)) {
        Matcher m = line.matcher(text);
        if (m.matches()) {
          seen.merge(m.group(2), 1, Integer::sum);
          LocalDateTime at = LocalDateTime.parse(m.group(1), TIMESTAMP);
          if (last == null || at.isAfter(last)) {
            last = at;
          }
        }
      }
      int duplicated = seen.values().stream().mapToInt(n -> n - 1).sum();
      if (seen.size() >= expected || System.nanoTime() > deadline) {
        return new Lines(seen.size(), duplicated, last);
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }

  private static List<String> readLines(Path log) throws IOException {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (NoSuchFileException notYet) {
      return List.of();
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    return options;
  }

  private static String require(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "usage: --base-url URL --log PATH [--count 1000] [--concurrency 50] [--warmup 200]");
    }
    return value;
  }

  private static String withSlash(String url) {
    return url.endsWith("/") ? url : url + "/";
  }
}
