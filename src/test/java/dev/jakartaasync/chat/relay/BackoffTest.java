package dev.jakartaasync.chat.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void waitsDoubleUpToTheCapAndStartOverAfterASuccess() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> 0.999999);

    assertThat(backoff.next()).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
    assertThat(backoff.next()).isBetween(Duration.ofMillis(199), Duration.ofMillis(200));
    assertThat(backoff.next()).isBetween(Duration.ofMillis(399), Duration.ofMillis(400));
    assertThat(backoff.next()).isBetween(Duration.ofMillis(799), Duration.ofMillis(800));
    assertThat(backoff.next()).isBetween(Duration.ofMillis(1599), Duration.ofMillis(1600));
    assertThat(backoff.next()).isBetween(Duration.ofMillis(1999), Duration.ofMillis(2000));
    assertThat(backoff.next()).isBetween(Duration.ofMillis(1999), Duration.ofMillis(2000));

    backoff.reset();
    assertThat(backoff.next()).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
  }

  @Test
  void jitterKeepsEachWaitBetweenHalfAndAllOfIt() {
    Backoff lowest = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> 0.0);
    lowest.next();
    assertThat(lowest.next()).isEqualTo(Duration.ofMillis(100));

    Backoff middle = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> 0.5);
    assertThat(middle.next()).isEqualTo(Duration.ofMillis(75));
  }
}
