package dev.jakartaasync.sleep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jakartaasync.core.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SleepDurationTest {

  @Test
  void defaultsToTheTutorialsOneSecondAndSentence() {
    SleepDuration sleep = SleepDuration.parse(null);

    assertThat(sleep.seconds()).isEqualTo(1);
    assertThat(sleep.message()).isEqualTo("Slept for 1 second!");
  }

  @Test
  void pluralisesOtherDurations() {
    assertThat(SleepDuration.parse("0").message()).isEqualTo("Slept for 0 seconds!");
    assertThat(SleepDuration.parse("10").message()).isEqualTo("Slept for 10 seconds!");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "abc", "-1", "11", "1.5", "99999999999"})
  void rejectsAnythingButAWholeNumberFromZeroToTen(String raw) {
    assertThatThrownBy(() -> SleepDuration.parse(raw))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem().status().getStatusCode()).isEqualTo(400);
              assertThat(e.problem().extensions()).containsEntry("field", "seconds");
            });
  }
}
