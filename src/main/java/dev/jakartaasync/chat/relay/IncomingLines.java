package dev.jakartaasync.chat.relay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The reader's decisions about each stream entry, kept apart from Redis so they can be tested on
 * their own: which line to deliver to the members here, and where to resume reading.
 *
 * <ul>
 *   <li>Entries of this instance are skipped: its members had them first (local first).
 *   <li>Entries that are not the relay's (a missing field, a sequence that is not a positive
 *       number, an oversized text) are skipped and counted: anyone can write to a Redis key, and
 *       the loop must not die of it (guarantee 7).
 *   <li>An entry whose sequence is not above the last one seen from its node is a duplicate (the
 *       writer appended it again after a lost reply) and is skipped: exactly once (guarantee 1).
 *   <li>A sequence that jumps counts the entries missing in between as gaps: trimmed from the
 *       stream while this instance was away, lost with a Redis restart, or dropped from a full
 *       outbox. They are reported, never waited for (guarantee 4).
 * </ul>
 *
 * <p>{@link #resumeId} is the id of the last entry seen, whatever was decided about it, so that a
 * reconnect reads on right after it: no gap, no duplicate. Stream ids are a millisecond timestamp
 * and a counter, so this also works when Redis restarted empty: the new entries carry later times.
 * Before the first entry it is where the reader started ({@link #startAt}): the newest entry when
 * this instance first reached Redis, so that it gets what is said from then on, not the history.
 *
 * <p>One reader thread calls {@link #accept}; the status reads the counters from other threads.
 */
final class IncomingLines {

  /** Longer than any line the chat makes (4 KiB message plus its prefix): not ours. */
  static final int MAX_TEXT_CHARS = 64 * 1024;

  /** Instances come and go with new ids; remembering the most recent ones is enough. */
  static final int MAX_NODES = 1024;

  private final String ownNode;

  private final Map<String, Long> lastSeqByNode =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_NODES;
        }
      };

  private volatile String position;
  private volatile String lastEntryId;
  private volatile long delivered;
  private volatile long duplicates;
  private volatile long gaps;
  private volatile long skipped;

  IncomingLines(String ownNode) {
    this.ownNode = ownNode;
  }

  /**
   * @return the text to deliver to the members here, or empty if this entry is not delivered
   */
  Optional<String> accept(StreamRecord record) {
    position = record.id();
    lastEntryId = record.id();
    Map<String, String> fields = record.fields();
    String node = fields.get(RelayEntry.NODE);
    String text = fields.get(RelayEntry.TEXT);
    long seq = sequence(fields.get(RelayEntry.SEQ));
    if (node == null
        || node.isEmpty()
        || text == null
        || text.length() > MAX_TEXT_CHARS
        || seq < 1) {
      skipped++;
      return Optional.empty();
    }
    if (node.equals(ownNode)) {
      return Optional.empty();
    }
    Long last = lastSeqByNode.get(node);
    if (last != null && seq <= last) {
      duplicates++;
      return Optional.empty();
    }
    if (last != null && seq > last + 1) {
      gaps += seq - last - 1;
    }
    // A node seen for the first time starts wherever it is: this instance may have come later.
    lastSeqByNode.put(node, seq);
    delivered++;
    return Optional.of(text);
  }

  /** Whether the reader has yet to fix where it starts: nothing read, no start so far. */
  boolean unstarted() {
    return position == null;
  }

  /** Fixes where reading starts, the first time only: later, reading resumes where it was. */
  void startAt(String id) {
    if (position == null) {
      position = id;
    }
  }

  /** Where the next read starts: after the last entry seen, or where it started. */
  String resumeId() {
    return position;
  }

  private static long sequence(String text) {
    if (text == null) {
      return -1;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException notANumber) {
      return -1;
    }
  }

  String lastEntryId() {
    return lastEntryId;
  }

  long delivered() {
    return delivered;
  }

  long duplicates() {
    return duplicates;
  }

  long gaps() {
    return gaps;
  }

  long skipped() {
    return skipped;
  }
}
