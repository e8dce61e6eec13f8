package dev.jakartaasync.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class LogLineTest {

  static final LocalDateTime AT = LocalDateTime.of(2026, 11, 24, 18, 44, 14, 198_323_000);

  @Test
  void printsTheTimestampLikePythonsDatetimeNow() {
    assertThat(LogLine.of(AT, "Notification to ada@example.com: Hello"))
        .isEqualTo("2026-11-24 18:44:14.198323: Notification to ada@example.com: Hello\n");
  }

  @Test
  void alwaysPrintsSixFractionDigits() {
    assertThat(LogLine.of(AT.withNano(0), "x")).isEqualTo("2026-11-24 18:44:14.000000: x\n");
    assertThat(LogLine.of(AT.withNano(5_000), "x")).startsWith("2026-11-24 18:44:14.000005: ");
  }

  @Test
  void aForgedLineStaysInsideTheOneLine() {
    String line = LogLine.of(AT, "Notification to a@b.io: hi\nFAKE: Notification to admin");

    assertThat(line)
        .isEqualTo(
            "2026-11-24 18:44:14.198323: Notification to a@b.io: hi\\nFAKE: Notification to admin\n");
    assertThat(line.lines()).hasSize(1);
  }

  @Test
  void escapesEveryLineBreakAndControlCharacter() {
    assertThat(LogLine.escape("a\rb\nc\td\\e")).isEqualTo("a\\rb\\nc\\td\\\\e");
    assertThat(LogLine.escape("nul\u0000 esc\u001b del\u007f nel\u0085"))
        .isEqualTo("nul\\u0000 esc\\u001b del\\u007f nel\\u0085");
    assertThat(LogLine.escape("ls\u2028ps\u2029")).isEqualTo("ls\\u2028ps\\u2029");
  }

  @Test
  void leavesOrdinaryTextAloneIncludingNonAscii() {
    String text = "Grüße, 你好 \uD83D\uDE00 \"quotes\" and 'apostrophes'";
    assertThat(LogLine.escape(text)).isSameAs(text);
  }
}
