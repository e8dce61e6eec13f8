package dev.jakartaasync.notification;

import dev.jakartaasync.core.Problem;
import dev.jakartaasync.core.ProblemException;
import java.util.regex.Pattern;

/**
 * What {@code POST /send-notification/} asks for: an address and a message, checked before the
 * request is answered, so nothing invalid is ever accepted and then fails in the background.
 */
public record Notification(String email, String message) {

  /** The longest address SMTP can carry (RFC 5321 path limit). */
  static final int MAX_EMAIL_LENGTH = 254;

  /** A sane cap: the log is line oriented and this is a notification, not a document. */
  static final int MAX_MESSAGE_LENGTH = 1000;

  /**
   * {@code local@domain.tld}: no spaces, separators or control characters anywhere, at least one
   * dot in the domain. Deliberately loose (no attempt at RFC 5322); strict enough that what is
   * accepted reads as an address and cannot break the log line.
   */
  private static final Pattern ADDRESS =
      Pattern.compile("[^@\\s\\p{C}\\p{Z}]+@[^@\\s\\p{C}\\p{Z}.]+(\\.[^@\\s\\p{C}\\p{Z}.]+)+");

  /** Validates raw request values; each problem is a 400 naming the field at fault. */
  static Notification of(String email, String message) {
    String address = email == null ? "" : email.strip();
    if (address.isEmpty()) {
      throw bad("email", "email is required: the address to notify.");
    }
    if (address.length() > MAX_EMAIL_LENGTH || !ADDRESS.matcher(address).matches()) {
      throw bad("email", "email must be an address such as ada@example.com.");
    }
    if (message == null || message.isBlank()) {
      throw bad("message", "message is required and must not be blank.");
    }
    if (message.codePointCount(0, message.length()) > MAX_MESSAGE_LENGTH) {
      throw bad("message", "message must be at most " + MAX_MESSAGE_LENGTH + " characters.");
    }
    return new Notification(address, message);
  }

  /** The tutorial's text, before it is timestamped and made safe for the log ({@link LogLine}). */
  String text() {
    return "Notification to " + email + ": " + message;
  }

  private static ProblemException bad(String field, String detail) {
    return new ProblemException(Problem.badInput(field, detail));
  }
}
