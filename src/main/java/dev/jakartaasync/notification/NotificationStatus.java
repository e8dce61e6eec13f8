package dev.jakartaasync.notification;

/**
 * {@code GET /send-notification/status}: what happened to the notifications since the application
 * started. {@code failed} is how a write error becomes visible beyond the server log.
 */
public record NotificationStatus(long accepted, long written, long failed, long pending) {}
