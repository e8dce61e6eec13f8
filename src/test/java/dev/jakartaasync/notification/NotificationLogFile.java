package dev.jakartaasync.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * The notification log the test server writes ({@code -Dnotification.log}, set in the pom), read
 * from the test. Tests tell their lines apart by a unique marker in the message.
 */
final class NotificationLogFile {

  private final Path path;

  private NotificationLogFile(Path path) {
    this.path = path;
  }

  /** The IT log; creates its folder so the server can write to it. */
  static NotificationLogFile ofTheTestServer() {
    String configured = System.getProperty("it.notification.log");
    if (configured == null) {
      throw new IllegalStateException("it.notification.log is not set: run through ./mvnw verify");
    }
    Path path = Path.of(configured);
    try {
      Files.createDirectories(path.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new NotificationLogFile(path);
  }

  List<String> linesContaining(String marker) {
    return lines().stream().filter(line -> line.contains(marker)).toList();
  }

  /**
   * Polls until {@code done} holds for the lines containing {@code marker}, or {@code atMost} has
   * passed; returns those lines either way, for the caller to assert on.
   */
  List<String> await(String marker, Predicate<List<String>> done, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    List<String> lines = linesContaining(marker);
    while (!done.test(lines) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(25).toNanos());
      lines = linesContaining(marker);
    }
    return lines;
  }

  private List<String> lines() {
    try {
      return Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException notYet) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
