package dev.jakartaasync.clock;

/** The body of {@code GET /stream-time/status}: how many streams are open on this server now. */
public record StreamStatus(int subscribers) {}
