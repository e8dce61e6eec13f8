package dev.jakartaasync.chat;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The {@code relay} object of {@code GET /chat/status}: how this instance shares the room with the
 * others (README, "Scaling out"). Defined here, filled by {@code chat.relay}, so the chat package
 * does not depend on the relay's internals.
 *
 * @param mode {@value #LOCAL} (one instance, the default) or {@value #REDIS}
 * @param connected whether both relay connections to Redis are up (always false when local)
 * @param outboxLines lines said here that wait to be appended to the stream
 * @param relayedOut entries this instance appended to the stream
 * @param relayedIn entries of other instances delivered to the members here
 * @param dropped lines the outbox dropped, oldest first, because it was full
 * @param gaps entries of other instances found missing (trimmed away, or lost with Redis)
 * @param skipped stream entries that were not the relay's own format, skipped
 * @param lastEntryId the id of the last stream entry read, from where reading resumes; null before
 *     the first one (null is written out: {@link JsonbNillable})
 * @param node this instance's id in the stream, random at each start
 */
@JsonbNillable
@JsonbPropertyOrder({
  "mode",
  "connected",
  "outboxLines",
  "relayedOut",
  "relayedIn",
  "dropped",
  "gaps",
  "skipped",
  "lastEntryId",
  "node"
})
public record RelayStatus(
    String mode,
    boolean connected,
    int outboxLines,
    long relayedOut,
    long relayedIn,
    long dropped,
    long gaps,
    long skipped,
    String lastEntryId,
    String node) {

  public static final String LOCAL = "local";
  public static final String REDIS = "redis";

  /** One instance, nothing relayed: today's chat. */
  public static RelayStatus local(String node) {
    return new RelayStatus(LOCAL, false, 0, 0, 0, 0, 0, 0, null, node);
  }
}
