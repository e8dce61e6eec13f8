package dev.jakartaasync.notification;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One line of the notification log, exactly as the tutorial's Python writes it: {@code
 * f"{datetime.now()}: {message}\n"}.
 *
 * <p>The text is untrusted (it carries the client's message), so it is escaped here, at the sink: a
 * CR or LF inside a message must not start a forged line of its own (CWE-117).
 */
final class LogLine {

  /**
   * Python's {@code str(datetime.now())}: {@code 2026-11-24 18:44:14.198323}. Python drops the
   * fraction when it is exactly zero; we always print six digits so every line parses the same.
   */
  static final DateTimeFormatter PYTHON_DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

  private LogLine() {}

  /** The whole line, newline included: it is appended with one write. */
  static String of(LocalDateTime at, String text) {
    return PYTHON_DATETIME.format(at) + ": " + escape(text) + "\n";
  }

  /**
   * Makes {@code text} safe for a single log line: backslash, CR, LF and tab become {@code \\},
   * {@code \r}, {@code \n}, {@code \t}; every other control character and the Unicode line and
   * paragraph separators become {@code \}{@code uXXXX}. Everything else is kept, so the common case
   * is the text unchanged, and the escaping can be read back without ambiguity.
   */
  static String escape(String text) {
    if (text.chars().noneMatch(LogLine::needsEscape)) {
      return text;
    }
    var out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (needsEscape(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static boolean needsEscape(int c) {
    return c == '\\'
        || Character.isISOControl(c)
        || Character.getType(c) == Character.LINE_SEPARATOR
        || Character.getType(c) == Character.PARAGRAPH_SEPARATOR;
  }
}
