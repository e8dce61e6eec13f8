package dev.jakartaasync.chat.relay;

import java.util.List;

/**
 * The few Redis stream operations the relay uses, over one connection: Jedis in the server ({@link
 * JedisChatStream}), an in-memory fake in the unit tests. Any {@link RuntimeException} means the
 * connection is no longer to be trusted: the caller closes it and opens a new one.
 */
interface ChatStream extends AutoCloseable {

  /** Where reading starts the first time: entries added from now on. */
  String NEW_ENTRIES = "$";

  /** Checks the connection (Redis answers); throws if it does not. */
  void ping();

  /** Appends the entries in order; returns once Redis confirmed every one. */
  void append(List<RelayEntry> entries);

  /**
   * The entries after {@code afterId} ({@link #NEW_ENTRIES} at first), oldest first; waits a
   * bounded time for one to come, and returns an empty list if none did.
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
