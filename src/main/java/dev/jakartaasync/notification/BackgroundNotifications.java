package dev.jakartaasync.notification;

import dev.jakartaasync.core.Delays;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Jakarta EE counterpart of FastAPI's {@code BackgroundTasks} for notifications: accepts one,
 * lets the request answer at once, writes it about three seconds later.
 *
 * <p>The three seconds are a thread-free timer ({@link Delays}), not a {@code Thread.sleep} inside
 * the EJB: the EJB async pool has 16 threads on Payara (10 on WildFly), so sleeping there would let
 * only 16 notifications progress at a time and a burst of 1000 would take minutes to drain. When
 * the timer fires, the notification joins the {@link #due} queue, and the write itself, a short
 * piece of file I/O, goes to the {@code @Asynchronous} EJB ({@link NotificationWriter}).
 *
 * <p>One EJB call writes every line that is due by then, in one append (a "group commit"): a burst
 * of 1000 accepted together falls due together, and 1000 asynchronous EJB calls, each with its own
 * context set-up and file open, would cost more CPU than the writing itself. A new call is handed
 * over only when none is waiting to start ({@link #writeHandedOff}).
 *
 * <p>Every accepted notification stays in {@link #pending} until it is written or its failure is
 * reported: when the application stops, {@link #drain()} writes whatever is still waiting instead
 * of dropping it.
 */
@ApplicationScoped
public class BackgroundNotifications {

  /** The tutorial's {@code await asyncio.sleep(3)}: the simulated slow part of sending. */
  static final Duration DELAY = Duration.ofSeconds(3);

  /** How long the drain waits for writes already running on the EJB pool at shutdown. */
  static final Duration DRAIN_GRACE = Duration.ofSeconds(5);

  private static final Logger LOG = Logger.getLogger(BackgroundNotifications.class.getName());

  @Inject Delays delays;

  /** Asks the {@code @Asynchronous} EJB to write what is due; returns at once. */
  @Inject NotificationWriter writer;

  Runnable handOff = () -> writer.writeDue();
  NotificationLog log;
  Clock clock = Clock.systemDefaultZone();

  private final Set<PendingNotification> pending = ConcurrentHashMap.newKeySet();

  /** Past their delay, waiting for the EJB's next write. */
  private final Queue<PendingNotification> due = new ConcurrentLinkedQueue<>();

  /** True from handing a write to the EJB until that write starts taking {@link #due}. */
  private final AtomicBoolean writeHandedOff = new AtomicBoolean();

  private final LongAdder accepted = new LongAdder();
  private final LongAdder written = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private volatile boolean closing;

  public BackgroundNotifications() {}

  /** For unit tests: no container, the given timer, writer and log. */
  BackgroundNotifications(Delays delays, Runnable handOff, NotificationLog log, Clock clock) {
    this.delays = delays;
    this.handOff = handOff;
    this.log = log;
    this.clock = clock;
  }

  @PostConstruct
  void open() {
    if (log == null) {
      log = NotificationLog.configured();
    }
    LOG.info(() -> "Notifications are appended to " + log.path().toAbsolutePath());
    // Load now every application class the shutdown drain needs: when the server stops, the
    // application's class loader is closed before @PreDestroy runs, and a class first needed there
    // fails with NoClassDefFoundError (seen on Payara Micro: the pending lines were lost).
    LogLine.of(LocalDateTime.now(clock), "class loading warm-up\n");
  }

  /** Accepts {@code notification}; returns at once. */
  void send(Notification notification) {
    var notice = new PendingNotification(notification);
    pending.add(notice);
    accepted.increment();
    if (closing) {
      // Accepted while the application stops: no timer will fire any more, write it now.
      deliver(notice);
      return;
    }
    try {
      delays.after(DELAY).thenRun(() -> fallDue(notice));
    } catch (RuntimeException timersStopped) {
      deliver(notice);
    }
  }

  /**
   * Runs on a timer thread: queues the line and, unless a write is already coming, asks for one.
   */
  private void fallDue(PendingNotification notice) {
    due.add(notice);
    if (!writeHandedOff.compareAndSet(false, true)) {
      return;
    }
    try {
      handOff.run();
    } catch (RuntimeException ejbContainerRefused) {
      // E.g. the EJB container is stopping. Written here rather than lost.
      writeDue();
    }
  }

  /**
   * Writes every notification due so far, in one append. Called by the EJB. Clears the hand-off
   * flag first: a notification that falls due from here on either is taken below or asks for the
   * next write, so none waits without a write coming.
   */
  void writeDue() {
    writeHandedOff.set(false);
    List<PendingNotification> batch = new ArrayList<>();
    for (PendingNotification notice; (notice = due.poll()) != null; ) {
      batch.add(notice);
    }
    deliver(batch);
  }

  /** Writes one notification now (used when the application stops). */
  void deliver(PendingNotification notice) {
    deliver(List.of(notice));
  }

  /**
   * Writes those of {@code notices} nobody else claimed, all in one append, and counts the outcome.
   * A failure is logged with each notification's content and counted, never thrown into a {@code
   * void} async method where nobody would see it.
   */
  private void deliver(List<PendingNotification> notices) {
    List<PendingNotification> mine = new ArrayList<>(notices.size());
    for (PendingNotification notice : notices) {
      if (notice.claim()) {
        mine.add(notice);
      }
    }
    if (mine.isEmpty()) {
      return;
    }
    List<String> lines = new ArrayList<>(mine.size());
    try {
      LocalDateTime now = LocalDateTime.now(clock);
      for (PendingNotification notice : mine) {
        lines.add(LogLine.of(now, notice.notification().text()));
      }
      log.append(String.join("", lines));
      written.add(mine.size());
    } catch (IOException | RuntimeException | LinkageError error) {
      failed.add(mine.size());
      for (int i = 0; i < mine.size(); i++) {
        // The escaped line, so the server log cannot be forged either; the address is validated.
        String content =
            i < lines.size()
                ? lines.get(i).strip()
                : "(unformatted) to " + mine.get(i).notification().email();
        LOG.log(
            Level.SEVERE,
            "Notification NOT written to " + log.path().toAbsolutePath() + ": " + content,
            error);
      }
    } finally {
      for (PendingNotification notice : mine) {
        pending.remove(notice);
        notice.finish();
      }
    }
  }

  /**
   * The application is stopping (undeploy or server shutdown): writes every pending notification
   * now, then waits briefly for the writes already in progress on the EJB pool.
   */
  @PreDestroy
  void drain() {
    closing = true;
    List<PendingNotification> left = List.copyOf(pending);
    if (left.isEmpty()) {
      return;
    }
    // No lambdas or method references from here on: their classes would be spun now, through the
    // application's class loader, which is already closed (see open()).
    LOG.info("Stopping: writing " + left.size() + " pending notifications now");
    deliver(left);
    long deadline = System.nanoTime() + DRAIN_GRACE.toNanos();
    try {
      for (PendingNotification notice : left) {
        Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
        if (remaining.isNegative() || !notice.awaitFinished(remaining)) {
          LOG.warning("Stopping: " + pending.size() + " notifications still being written");
          return;
        }
      }
    } catch (InterruptedException stop) {
      Thread.currentThread().interrupt();
    }
  }

  NotificationStatus status() {
    return new NotificationStatus(accepted.sum(), written.sum(), failed.sum(), pending.size());
  }
}
