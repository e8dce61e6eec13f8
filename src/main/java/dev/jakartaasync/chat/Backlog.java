package dev.jakartaasync.chat;

import java.time.Duration;

/**
 * The most one member's outbox may hold, and the longest one write may take, before the member
 * counts as too slow and is dropped.
 */
record Backlog(int maxLines, long maxBytes, Duration maxWriteTime) {

  boolean exceededBy(int lines, long bytes) {
    return lines > maxLines || bytes > maxBytes;
  }
}
