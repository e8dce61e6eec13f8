package dev.jakartaasync.chat;

/**
 * The body of {@code GET /chat/status}: the room as this server sees it now.
 *
 * @param members connections in the room
 * @param writing members with a write in flight
 * @param longestWriteMs how long the oldest write in flight has been going on
 * @param queuedLines lines waiting behind the writes in flight, all members together
 * @param writeTimeouts members dropped so far because one write did not complete in time
 * @param relay how this instance shares the room with other instances ({@link RelayStatus})
 */
public record ChatStatus(
    int members,
    int writing,
    long longestWriteMs,
    int queuedLines,
    long writeTimeouts,
    RelayStatus relay) {}
