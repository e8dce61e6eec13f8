package dev.jakartaasync.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationLogTest {

  @TempDir Path dir;

  @Test
  void theSystemPropertyWinsOverTheEnvironmentWhichWinsOverAppLog() {
    Map<String, String> props = Map.of("notification.log", "/var/log/n.log");
    Map<String, String> env = Map.of("NOTIFICATION_LOG", "/tmp/env.log");

    assertThat(NotificationLog.configuredPath(props::get, env::get))
        .isEqualTo(Path.of("/var/log/n.log"));
    assertThat(NotificationLog.configuredPath(name -> null, env::get))
        .isEqualTo(Path.of("/tmp/env.log"));
    assertThat(NotificationLog.configuredPath(name -> " ", name -> null))
        .isEqualTo(Path.of("app.log"));
  }

  @Test
  void appendsToWhatIsAlreadyThere() throws IOException {
    Path file = dir.resolve("app.log");
    Files.writeString(file, "earlier\n");
    var log = new NotificationLog(file);

    log.append("one\n");
    log.append("two\n");

    assertThat(Files.readAllLines(file)).containsExactly("earlier", "one", "two");
  }

  @Test
  void concurrentWritersNeverInterleaveOrLoseALine() throws Exception {
    Path file = dir.resolve("app.log");
    var log = new NotificationLog(file);
    String padding = "x".repeat(500);
    ExecutorService writers = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 16; w++) {
        int writer = w;
        done.add(
            writers.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    log.append(writer + "-" + i + " " + padding + "\n");
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      writers.shutdownNow();
    }

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(16 * 200).allMatch(l -> l.matches("\\d+-\\d+ " + padding));
    Map<String, Long> counts =
        lines.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(counts).hasSize(16 * 200).allSatisfy((line, n) -> assertThat(n).isEqualTo(1));
  }

  @Test
  void anUnwritablePathFailsLoudly() {
    var log = new NotificationLog(dir.resolve("no-such-dir").resolve("app.log"));

    assertThatThrownBy(() -> log.append("lost?\n")).isInstanceOf(IOException.class);
  }
}
