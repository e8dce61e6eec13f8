package dev.jakartaasync.chat.relay;

import dev.jakartaasync.chat.ChatLine;
import dev.jakartaasync.chat.RelayStatus;
import dev.jakartaasync.chat.RelayStatusSource;
import dev.jakartaasync.core.AppExecutors;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedExecutors;
import jakarta.enterprise.concurrent.ManagedTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The chat's scale-out: one room across every instance of the WAR that names the same Redis
 * (README, "Scaling out").
 *
 * <p>How it plugs in: it observes the room's {@link ChatLine} events. A line said here goes into
 * the {@link RelayOutbox} (the room has already delivered it to the members here: local first) and
 * {@link RelayWriter} appends it to the Redis stream. {@link RelayReader} reads the lines of the
 * other instances from the stream and fires each as a {@link ChatLine#relayed} event, on its own
 * container-managed thread, which the room delivers like any other line. Relayed lines are never
 * relayed again.
 *
 * <p>Off unless {@code chat.redis.url} / {@code CHAT_REDIS_URL} is set ({@link
 * RelayConfiguration}): then there is no outbox, no thread and no connection. A malformed URL fails
 * the deployment, with a message that names the setting. An unreachable Redis does not: the loops
 * keep trying and the chat works locally meanwhile.
 */
@ApplicationScoped
public class ChatRelay implements RelayStatusSource {

  /** The outbox bound (guarantee 3): 10 000 lines or 8 MiB, whichever comes first. */
  static final int OUTBOX_LINES = 10_000;

  static final long OUTBOX_BYTES = 8L << 20;

  static final Duration FIRST_RETRY = Duration.ofMillis(100);
  static final Duration LONGEST_RETRY = Duration.ofSeconds(2);

  /** Undeploy waits this long for each loop; a blocked read is broken by closing its socket. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  /** Drops are logged at most this often, with the count: a full outbox drops on every line. */
  static final Duration DROP_LOG_EVERY = Duration.ofSeconds(10);

  private static final Logger LOG = Logger.getLogger(ChatRelay.class.getName());

  /** This instance's id in the stream: random at each start, nothing to configure. */
  private final String node = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @Inject Event<ChatLine> lines;

  @Resource(lookup = AppExecutors.CHAT_RELAY)
  ManagedExecutorService loops;

  // Null in local mode.
  private RelayOutbox outbox;
  private IncomingLines incoming;
  private RelayWriter writer;
  private RelayReader reader;

  private volatile long lastDropLogNanos = System.nanoTime() - DROP_LOG_EVERY.toNanos();

  @PostConstruct
  void start() {
    Optional<RedisUrl> redis = RelayConfiguration.configured();
    if (redis.isEmpty()) {
      return;
    }
    Map<String, String> longRunning = Map.of(ManagedTask.LONGRUNNING_HINT, "true");
    startLoops(
        JedisChatStream.connector(redis.get()),
        loop -> loops.execute(ManagedExecutors.managedTask(loop, longRunning, null)),
        this::deliverHere);
    LOG.info(() -> "chat relay: sharing the chat through " + redis.get() + " as node " + node);
  }

  /**
   * Starts relaying: {@link #start} with Jedis and the application's executor; the unit tests with
   * a fake stream and plain threads.
   *
   * @param deliver hands a line of another instance to the members here
   */
  void startLoops(ChatStream.Connector connector, Executor executor, Consumer<String> deliver) {
    outbox = new RelayOutbox(node, OUTBOX_LINES, OUTBOX_BYTES);
    incoming = new IncomingLines(node);
    writer = new RelayWriter(outbox, connector, backoff());
    reader = new RelayReader(incoming, deliver, connector, backoff());
    executor.execute(writer);
    executor.execute(reader);
  }

  /**
   * Creates the relay when the application starts: a malformed URL then fails the deployment, and
   * the loops run before the first member joins.
   */
  void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // Observing is enough: it makes the container create this bean, which runs start().
  }

  /**
   * Runs on the thread that fired the line (a member's WebSocket thread): only a queue insertion,
   * never blocks, never throws.
   *
   * <p>Why before the room's own delivery ({@code @Priority} below the default): a member here who
   * answers a line must never have the answer reach the other instances first. Queued before any
   * member here can see it, every line is in the outbox ahead of whatever is said in reply. (CDI
   * gives observers of the same priority no order.)
   */
  void relayOut(@Observes @Priority(Interceptor.Priority.APPLICATION) ChatLine line) {
    if (line.relayed() || outbox == null) {
      return;
    }
    int dropped = outbox.offer(line.text(), line.bytes());
    if (dropped > 0) {
      reportDrops();
    }
  }

  private void deliverHere(String text) {
    lines.fire(ChatLine.relayed(text));
  }

  private void reportDrops() {
    long now = System.nanoTime();
    long last = lastDropLogNanos;
    if (now - last >= DROP_LOG_EVERY.toNanos()) {
      lastDropLogNanos = now;
      LOG.warning(
          () ->
              "chat relay: outbox full (Redis unreachable?), oldest lines dropped: "
                  + outbox.dropped()
                  + " so far");
    }
  }

  /** Ends both loops and closes their connections; waits until their threads are free. */
  @PreDestroy
  void stop() {
    if (writer == null) {
      return;
    }
    writer.stop();
    reader.stop();
    if (!writer.awaitEnd(STOP_TIMEOUT) || !reader.awaitEnd(STOP_TIMEOUT)) {
      LOG.warning("chat relay: a loop did not end within " + STOP_TIMEOUT.toSeconds() + " s");
    }
    if (outbox.lines() > 0) {
      LOG.warning(
          () -> "chat relay: " + outbox.lines() + " lines not appended to Redis before the stop");
    }
  }

  @Override
  public RelayStatus relayStatus() {
    if (outbox == null) {
      return RelayStatus.local(node);
    }
    return new RelayStatus(
        RelayStatus.REDIS,
        writer.connected() && reader.connected(),
        outbox.lines(),
        writer.appended(),
        incoming.delivered(),
        outbox.dropped(),
        incoming.gaps(),
        incoming.skipped(),
        incoming.lastEntryId(),
        node);
  }

  private static Backoff backoff() {
    return new Backoff(FIRST_RETRY, LONGEST_RETRY, () -> ThreadLocalRandom.current().nextDouble());
  }
}
