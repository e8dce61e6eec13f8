package dev.jakartaasync.chat.relay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends the lines said here to the stream, in order, from the {@link RelayOutbox}.
 *
 * <p>A batch (everything waiting, up to {@value #BATCH} lines) goes in one round trip, and leaves
 * the outbox only once Redis confirmed all of it. If the connection fails in between, the same
 * lines are appended again after the reconnect; some may then be in the stream twice, which the
 * readers drop by node and sequence ({@link IncomingLines}). At-least-once here plus de-duplication
 * there is exactly once for the members.
 *
 * <p>Idle, it pings Redis every {@link #IDLE_CHECK}, so that {@code connected} in the status is
 * true only while Redis answers, and a connection cut while nobody speaks is replaced before the
 * next line.
 */
final class RelayWriter extends RelayLoop {

  static final int BATCH = 256;
  static final Duration IDLE_CHECK = Duration.ofSeconds(1);

  private final RelayOutbox outbox;
  private final AtomicLong appended = new AtomicLong();

  RelayWriter(RelayOutbox outbox, ChatStream.Connector connector, Backoff backoff) {
    super("writer", connector, backoff);
    this.outbox = outbox;
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
