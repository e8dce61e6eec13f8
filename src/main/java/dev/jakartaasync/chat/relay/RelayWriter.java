package dev.jakartaasync.chat.relay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Appends the lines said here to the stream, in order, from the {@link RelayOutbox}.
 *
 * <p>A batch (everything waiting, up to {@value #BATCH} lines) goes in one round trip, and leaves
 * the outbox only once Redis confirmed all of it. If the connection fails in between, the same
 * lines are appended again after the reconnect; some may then be in the stream twice, which the
 * readers drop by node and sequence ({@link IncomingLines}). At-least-once here plus de-duplication
 * there is exactly once for the members.
 *
 * <p>Redis confirms an append before the other instances read it. When the writer finds a new run
 * of Redis behind a reconnect ({@link ChatStream#serverRun}: restarted, so without persistence
 * empty), it appends again the lines confirmed in the {@link #REPLAY_WINDOW} before it last heard
 * from the old one: those the readers may not have read yet. The readers drop the ones they had.
 *
 * <p>Idle, it pings Redis every {@link #IDLE_CHECK}, so that {@code connected} in the status is
 * true only while Redis answers, and a connection cut while nobody speaks is replaced before the
 * next line.
 */
final class RelayWriter extends RelayLoop {

  static final int BATCH = 256;
  static final Duration IDLE_CHECK = Duration.ofSeconds(1);

  /**
   * Readers take a line within milliseconds of its append while they are connected, and a reader
   * that lost its connection is back within its read timeout plus the longest backoff (4 s). Lines
   * confirmed earlier than this before Redis went away were read by everyone still there; a reader
   * that started after the restart is not sent older lines than this.
   */
  static final Duration REPLAY_WINDOW = Duration.ofSeconds(5);

  private static final Logger LOG = Logger.getLogger(RelayWriter.class.getName());

  private final RelayOutbox outbox;
  private final AtomicLong appended = new AtomicLong();

  // Used by the writer's thread only.
  private String serverRun;
  private long lastHeardNanos;

  RelayWriter(RelayOutbox outbox, ChatStream.Connector connector, Backoff backoff) {
    super("writer", connector, backoff);
    this.outbox = outbox;
  }

  @Override
  protected void prepare(ChatStream stream) {
    String run = stream.serverRun();
    if (serverRun != null && !serverRun.equals(run)) {
      int again = outbox.replayConfirmedSince(lastHeardNanos - REPLAY_WINDOW.toNanos());
      if (again > 0) {
        LOG.info(
            () ->
                "chat relay writer: Redis restarted; appending again the "
                    + again
                    + " lines it had confirmed last");
      }
    }
    serverRun = run;
    lastHeardNanos = System.nanoTime();
  }

  @Override
  protected void work(ChatStream stream) throws InterruptedException {
    while (state.running()) {
      List<RelayEntry> batch = outbox.peek(BATCH, IDLE_CHECK);
      if (!state.running()) {
        return;
      }
      if (batch.isEmpty()) {
        stream.ping();
      } else {
        stream.append(batch);
        outbox.removeUpTo(batch.get(batch.size() - 1).seq());
        appended.addAndGet(batch.size());
      }
      lastHeardNanos = System.nanoTime();
      succeeded();
    }
  }

  @Override
  protected void wakeUp() {
    outbox.wakeUp();
  }

  /** Entries appended and confirmed by Redis (a retried batch counts again). */
  long appended() {
    return appended.get();
  }
}
