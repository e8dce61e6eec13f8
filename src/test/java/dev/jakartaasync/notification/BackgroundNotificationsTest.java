package dev.jakartaasync.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jakartaasync.core.Delays;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundNotificationsTest {

  static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T18:44:14.198323Z"), ZoneOffset.UTC);
  static final Notification HELLO = new Notification("ada@example.com", "Hello");
  static final String HELLO_LINE =
      "2026-11-24 18:44:14.198323: Notification to ada@example.com: Hello";

  @TempDir Path dir;
  Path file;

  /** Timers the test fires by hand. */
  final List<CompletableFuture<Void>> timers = new ArrayList<>();

  final List<Duration> delays = new ArrayList<>();
  final Delays manualDelays =
      new Delays(null) {
        @Override
        public CompletableFuture<Void> after(Duration delay) {
          delays.add(delay);
          var timer = new CompletableFuture<Void>();
          timers.add(timer);
          return timer;
        }
      };

  /** How many writes were handed to the "EJB"; the test runs them when it wants. */
  final AtomicInteger handedOff = new AtomicInteger();

  final List<LogRecord> serverLog = new ArrayList<>();
  final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          serverLog.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  BackgroundNotifications notifications;

  @BeforeEach
  void setUp() {
    file = dir.resolve("app.log");
    notifications = create(handedOff::incrementAndGet, file);
    Logger.getLogger(BackgroundNotifications.class.getName()).addHandler(capture);
  }

  @AfterEach
  void tearDown() {
    Logger.getLogger(BackgroundNotifications.class.getName()).removeHandler(capture);
  }

  BackgroundNotifications create(Runnable handOff, Path log) {
    var created =
        new BackgroundNotifications(manualDelays, handOff, new NotificationLog(log), CLOCK);
    created.open();
    return created;
  }

  @Test
  void waitsThreeSecondsOnATimerThenHandsTheWriteToTheAsyncWriter() throws IOException {
    notifications.send(HELLO);

    assertThat(delays).containsExactly(Duration.ofSeconds(3));
    assertThat(handedOff).hasValue(0);
    assertThat(notifications.status()).isEqualTo(new NotificationStatus(1, 0, 0, 1));

    timers.get(0).complete(null);
    assertThat(handedOff).hasValue(1);
    assertThat(file).doesNotExist();

    notifications.writeDue();
    assertThat(Files.readAllLines(file)).containsExactly(HELLO_LINE);
    assertThat(notifications.status()).isEqualTo(new NotificationStatus(1, 1, 0, 0));
  }

  @Test
  void oneWriteTakesEveryLineDueByThenInOneGo() throws IOException {
    for (int i = 0; i < 100; i++) {
      notifications.send(new Notification("user" + i + "@example.com", "Hello " + i));
    }

    timers.forEach(timer -> timer.complete(null));
    // 100 fell due, one write was asked for: it is not started yet, so no second one.
    assertThat(handedOff).hasValue(1);
    notifications.writeDue();

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(100).doesNotHaveDuplicates();
    assertThat(lines.get(99)).endsWith("Notification to user99@example.com: Hello 99");
    assertThat(notifications.status()).isEqualTo(new NotificationStatus(100, 100, 0, 0));
  }

  @Test
  void aLineDueAfterAWriteStartedAsksForTheNextWrite() throws IOException {
    notifications.send(HELLO);
    notifications.send(new Notification("bob@example.com", "Bye"));
    timers.get(0).complete(null);
    notifications.writeDue();

    timers.get(1).complete(null);

    assertThat(handedOff).hasValue(2);
    notifications.writeDue();
    assertThat(Files.readAllLines(file)).hasSize(2);
  }

  @Test
  void stoppingWritesWhatIsPendingAtOnceAndTheLateWriterWritesNothing() throws IOException {
    notifications.send(HELLO);
    notifications.send(new Notification("bob@example.com", "Bye"));

    notifications.drain();

    assertThat(Files.readAllLines(file)).hasSize(2);
    assertThat(notifications.status()).isEqualTo(new NotificationStatus(2, 2, 0, 0));

    // The timers fire anyway and the writer runs: still exactly once.
    timers.forEach(timer -> timer.complete(null));
    notifications.writeDue();
    assertThat(Files.readAllLines(file)).hasSize(2);
    assertThat(notifications.status().written()).isEqualTo(2);
  }

  @Test
  void aNotificationAcceptedWhileStoppingIsWrittenAtOnce() throws IOException {
    notifications.drain();

    notifications.send(HELLO);

    assertThat(timers).isEmpty();
    assertThat(Files.readAllLines(file)).containsExactly(HELLO_LINE);
  }

  @Test
  void stoppedTimersMeanWritingAtOnceNotDropping() throws IOException {
    var noTimers =
        new Delays(null) {
          @Override
          public CompletableFuture<Void> after(Duration delay) {
            throw new RejectedExecutionException("executor shut down");
          }
        };
    var created =
        new BackgroundNotifications(
            noTimers, handedOff::incrementAndGet, new NotificationLog(file), CLOCK);
    created.open();

    created.send(HELLO);

    assertThat(Files.readAllLines(file)).containsExactly(HELLO_LINE);
  }

  @Test
  void aRefusedHandOffIsWrittenOnTheTimerThreadInstead() throws IOException {
    notifications =
        create(
            () -> {
              throw new IllegalStateException("EJB container stopping");
            },
            file);

    notifications.send(HELLO);
    timers.get(0).complete(null);

    assertThat(Files.readAllLines(file)).containsExactly(HELLO_LINE);
  }

  @Test
  void aFailedWriteIsCountedAndLoggedWithItsContent() {
    notifications =
        create(handedOff::incrementAndGet, dir.resolve("missing-dir").resolve("app.log"));

    notifications.send(HELLO);
    timers.get(0).complete(null);
    notifications.writeDue();

    assertThat(notifications.status()).isEqualTo(new NotificationStatus(1, 0, 1, 0));
    assertThat(serverLog)
        .anySatisfy(
            record -> {
              assertThat(record.getMessage()).contains(HELLO_LINE).contains("NOT written");
              assertThat(record.getThrown()).isInstanceOf(IOException.class);
            });
  }
}
