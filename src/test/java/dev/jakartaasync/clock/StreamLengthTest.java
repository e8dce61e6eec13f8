package dev.jakartaasync.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jakartaasync.core.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamLengthTest {

  @Test
  void withoutCountTheStreamIsEndlessAsInTheTutorial() {
    assertThat(StreamLength.parse(null).endless()).isTrue();
  }

  @Test
  void acceptsOneTo3600() {
    assertThat(StreamLength.parse("1").events()).isEqualTo(1);
    assertThat(StreamLength.parse("3600").events()).isEqualTo(3600);
    assertThat(StreamLength.parse(" 3 ").events()).isEqualTo(3);
    assertThat(StreamLength.parse("3").endless()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "3601", "-1", "abc", "1.5", "", " ", "99999999999"})
  void rejectsAnythingElseWithA400NamingCount(String raw) {
    assertThatThrownBy(() -> StreamLength.parse(raw))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem().status().getStatusCode()).isEqualTo(400);
              assertThat(e.problem().extensions()).containsEntry("field", "count");
            });
  }
}
