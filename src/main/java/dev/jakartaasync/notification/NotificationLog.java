package dev.jakartaasync.notification;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The file the notifications go to, {@code app.log} by default, as in the tutorial.
 *
 * <p>Each line is appended whole, exactly once: the file is opened in append mode and the line is
 * handed over in one write, under a lock, so concurrent writers never interleave or overwrite each
 * other. The file is opened per line (like the tutorial's {@code with open(...)}): it may be moved
 * or rotated at any time, and an unwritable path fails the one notification, visibly.
 */
final class NotificationLog {

  /** System property naming the log file; wins over the environment variable. */
  static final String PROPERTY = "notification.log";

  /** Environment variable naming the log file. */
  static final String ENVIRONMENT = "NOTIFICATION_LOG";

  /** Relative, so it lands in the server's working directory, like the tutorial's. */
  static final String DEFAULT = "app.log";

  private final Path path;
  private final ReentrantLock appending = new ReentrantLock();

  NotificationLog(Path path) {
    this.path = path;
  }

  /** The configured log: system property, else environment variable, else {@code app.log}. */
  static NotificationLog configured() {
    return new NotificationLog(configuredPath(System::getProperty, System::getenv));
  }

  static Path configuredPath(UnaryOperator<String> properties, UnaryOperator<String> environment) {
    String named = properties.apply(PROPERTY);
    if (named == null || named.isBlank()) {
      named = environment.apply(ENVIRONMENT);
    }
    return Path.of(named == null || named.isBlank() ? DEFAULT : named.strip());
  }

  Path path() {
    return path;
  }

  /** Appends {@code line} (newline included) as one write; throws if the file is not writable. */
  void append(String line) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    appending.lock();
    try (FileChannel file =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      while (bytes.hasRemaining()) {
        file.write(bytes);
      }
    } finally {
      appending.unlock();
    }
  }
}
