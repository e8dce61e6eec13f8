package dev.jakartaasync.clock;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.sse.OutboundSseEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClockTickTest {

  static final ZoneId UTC = ZoneOffset.UTC;
  static final long NOON = Instant.parse("2026-11-26T12:00:00Z").getEpochSecond();

  @Test
  void showsTheTimeAsTwentyFourHourHhMmSsInTheGivenZone() {
    assertThat(ClockTick.of(NOON + 3600 * 3 + 61, UTC).time()).isEqualTo("15:01:01");
    assertThat(ClockTick.of(NOON + 12 * 3600 + 5, UTC).time()).isEqualTo("00:00:05");
    assertThat(ClockTick.of(NOON, ZoneOffset.ofHours(2)).time()).isEqualTo("14:00:00");
  }

  @Test
  void dataIsTheTutorialsCompactJson() {
    assertThat(ClockTick.of(NOON + 7, UTC).data()).isEqualTo("{\"time\":\"12:00:07\"}");
  }

  @Test
  void aNewSubscriberSeesTheSecondItConnectedIn() {
    assertThat(ClockTick.containing(NOON * 1000 + 999, UTC).second()).isEqualTo(NOON);
    assertThat(ClockTick.containing(NOON * 1000, UTC).second()).isEqualTo(NOON);
  }

  @Test
  void aTimerRunCountsForTheNearestSecondSoALittleEarlyOrLateChangesNothing() {
    assertThat(ClockTick.nearest(NOON * 1000 - 3, UTC).second()).isEqualTo(NOON);
    assertThat(ClockTick.nearest(NOON * 1000 + 40, UTC).second()).isEqualTo(NOON);
  }

  @Test
  void theEventIsUnnamedWithTheSecondAsIdAndARetryHint() {
    OutboundSseEvent event = ClockTick.of(NOON, UTC).toEvent(new FakeSse());

    assertThat(event.getName()).isNull();
    assertThat(event.getId()).isEqualTo(Long.toString(NOON));
    assertThat(event.getReconnectDelay()).isEqualTo(ClockTick.RETRY_MILLIS);
    assertThat(event.getType()).isEqualTo(byte[].class);
    assertThat(new String((byte[]) event.getData(), StandardCharsets.UTF_8))
        .isEqualTo("{\"time\":\"12:00:00\"}");
    assertThat(event.getComment()).isNull();
  }
}
