package dev.jakartaasync.chat;

import java.nio.charset.StandardCharsets;

/**
 * One line of the chat as every member receives it, the CDI event that carries it to the fan-out.
 * Its UTF-8 size is computed once, not once per member, for the backlog bounds.
 *
 * <p>{@code relayed} tells a line that came from another instance (through {@code chat.relay}) from
 * one said here: the room delivers both alike, but only lines said here are relayed out, or every
 * line would bounce between the instances forever.
 */
public record ChatLine(String text, int bytes, boolean relayed) {

  static final String LEFT = "A user has left the chat.";

  static ChatLine said(String message) {
    return of("A user says: " + message);
  }

  static ChatLine left() {
    return of(LEFT);
  }

  static ChatLine of(String text) {
    return new ChatLine(text, utf8Bytes(text), false);
  }

  /** A line said on another instance, exactly as its members received it. */
  public static ChatLine relayed(String text) {
    return new ChatLine(text, utf8Bytes(text), true);
  }

  private static int utf8Bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
