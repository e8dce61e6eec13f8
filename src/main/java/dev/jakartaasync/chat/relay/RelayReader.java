package dev.jakartaasync.chat.relay;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the stream from the last entry it processed ({@link IncomingLines#resumeId}) and hands the
 * lines of other instances to {@code deliver}, on this loop's own thread: a container-managed one,
 * never a thread of the Redis client (payara/Payara#8385). Each read waits at most {@link
 * JedisChatStream#BLOCK} in Redis, and a reply late beyond that is a hung connection: the loop
 * reconnects and resumes where it was.
 */
final class RelayReader extends RelayLoop {

  private static final Logger LOG = Logger.getLogger(RelayReader.class.getName());

  private final IncomingLines incoming;
  private final Consumer<String> deliver;

  RelayReader(
      IncomingLines incoming,
      Consumer<String> deliver,
      ChatStream.Connector connector,
      Backoff backoff) {
    super("reader", connector, backoff);
    this.incoming = incoming;
    this.deliver = deliver;
  }

  /**
   * The first time, reading starts after the newest entry in Redis now: only once this is fixed
   * does the loop count as connected, so every line appended after {@code connected} turned true is
   * read.
   */
  @Override
  protected void prepare(ChatStream stream) {
    if (incoming.unstarted()) {
      incoming.startAt(stream.lastId());
    }
  }

  @Override
  protected void work(ChatStream stream) {
    while (state.running()) {
      for (StreamRecord record : stream.readAfter(incoming.resumeId())) {
        incoming.accept(record).ifPresent(this::deliverSafely);
      }
      succeeded();
    }
  }

  /** A failure to deliver one line (a bug, a member going away) must not end the loop. */
  private void deliverSafely(String text) {
    try {
      deliver.accept(text);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "chat relay: delivering a line from another instance failed", e);
    }
  }
}
