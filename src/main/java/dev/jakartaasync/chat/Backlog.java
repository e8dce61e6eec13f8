package dev.jakartaasync.chat;

/** The most one member's outbox may hold before the member counts as too slow and is dropped. */
record Backlog(int maxLines, long maxBytes) {

  boolean exceededBy(int lines, long bytes) {
    return lines > maxLines || bytes > maxBytes;
  }
}
