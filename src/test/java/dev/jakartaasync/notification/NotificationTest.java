package dev.jakartaasync.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jakartaasync.core.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationTest {

  @Test
  void keepsTheFieldsAndWritesTheTutorialsText() {
    Notification notification = Notification.of(" ada@example.com ", "Hello");

    assertThat(notification.email()).isEqualTo("ada@example.com");
    assertThat(notification.text()).isEqualTo("Notification to ada@example.com: Hello");
  }

  @Test
  void aMessageMayHaveUpToAThousandCharactersCountedAsCodePoints() {
    assertThat(Notification.of("a@b.io", "x".repeat(1000)).message()).hasSize(1000);
    // 1000 emoji are 2000 chars but 1000 characters a person sees.
    assertThat(Notification.of("a@b.io", "\uD83D\uDE00".repeat(1000)).message()).hasSize(2000);
    assertBad("a@b.io", "x".repeat(1001), "message");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void aMissingOrBlankEmailNamesEmail(String blank) {
    assertBad(null, "Hello", "email");
    assertBad(blank, "Hello", "email");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n"})
  void aMissingOrBlankMessageNamesMessage(String blank) {
    assertBad("ada@example.com", null, "message");
    assertBad("ada@example.com", blank, "message");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ada",
        "ada@",
        "@example.com",
        "ada@example",
        "ada@@example.com",
        "a da@example.com",
        "ada@exa mple.com",
        "ada\n@example.com",
        "ada@example.com\r\nFAKE",
        "ada\u0000@example.com",
        "ada\u2028@example.com",
        "ada@example..com"
      })
  void anythingThatIsNotAnAddressNamesEmail(String email) {
    assertBad(email, "Hello", "email");
  }

  @Test
  void anOverlongAddressNamesEmail() {
    assertBad("a".repeat(250) + "@b.io", "Hello", "email");
  }

  private static void assertBad(String email, String message, String field) {
    assertThatThrownBy(() -> Notification.of(email, message))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem().status().getStatusCode()).isEqualTo(400);
              assertThat(e.problem().extensions()).containsEntry("field", field);
            });
  }
}
