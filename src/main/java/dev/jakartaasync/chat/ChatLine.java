package dev.jakartaasync.chat;

import java.nio.charset.StandardCharsets;

/**
 * One line of the chat as every member receives it, the CDI event that carries it to the fan-out.
 * Its UTF-8 size is computed once, not once per member, for the backlog bounds.
 */
public record ChatLine(String text, int bytes) {

  static final String LEFT = "A user has left the chat.";

  static ChatLine said(String message) {
    return of("A user says: " + message);
  }

  static ChatLine left() {
    return of(LEFT);
  }

  static ChatLine of(String text) {
    return new ChatLine(text, text.getBytes(StandardCharsets.UTF_8).length);
  }
}
