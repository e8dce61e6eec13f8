package dev.jakartaasync.chat.relay;

import java.util.List;

/**
 * The few Redis stream operations the relay uses, over one connection: Jedis in the server ({@link
 * JedisChatStream}), an in-memory fake in the unit tests. Any {@link RuntimeException} means the
 * connection is no longer to be trusted: the caller closes it and opens a new one.
 */
interface ChatStream extends AutoCloseable {

  /** The id before every entry: where reading starts in an empty or missing stream. */
  String BEFORE_ALL = "0-0";

  /** Checks the connection (Redis answers); throws if it does not. */
  void ping();

  /**
   * Which run of the Redis server answers ({@code run_id} of {@code INFO server}): it changes when
   * Redis restarts, and with it, without persistence, everything the stream held.
   */
  String serverRun();

  /** Appends the entries in order; returns once Redis confirmed every one. */
  void append(List<RelayEntry> entries);

  /**
   * The id of the newest entry, {@link #BEFORE_ALL} if there is none: where a reader that has read
   * nothing yet starts, so that it gets every entry added from then on.
   */
  String lastId();

  /**
   * The entries after {@code afterId}, oldest first; waits a bounded time for one to come, and
   * returns an empty list if none did.
   */
  List<StreamRecord> readAfter(String afterId);

  /** Never throws; may be called from another thread to end a blocked read. */
  @Override
  void close();

  /** Opens a connection; throws if Redis cannot be reached. */
  @FunctionalInterface
  interface Connector {
    ChatStream connect();
  }
}
