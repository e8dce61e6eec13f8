package dev.jakartaasync.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClockTickerTest {

  final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
  final List<ClockTick> published = new CopyOnWriteArrayList<>();
  final List<Long> publishedAtMillis = new CopyOnWriteArrayList<>();
  final Clock clock = Clock.systemUTC();
  final ClockTicker ticker =
      new ClockTicker(
          timers,
          tick -> {
            publishedAtMillis.add(clock.millis());
            published.add(tick);
          },
          clock);

  @AfterEach
  void shutDown() {
    timers.shutdownNow();
  }

  @Test
  void theNextTickIsDueJustPastTheStartOfItsSecond() {
    assertThat(ClockTicker.delayUntil(101, 100_250)).isEqualTo(751);
    assertThat(ClockTicker.delayUntil(101, 100_999)).isEqualTo(2);
    assertThat(ClockTicker.delayUntil(101, 101_500)).as("late: at once").isZero();
  }

  @Test
  void ticksOncePerWallClockSecondInOrderAndStopsWhenStopped() throws Exception {
    ticker.ensureRunning();
    ticker.ensureRunning(); // one ticker, however many subscribers start it

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (published.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    ticker.stop();

    assertThat(published).hasSizeGreaterThanOrEqualTo(2);
    assertThat(published.get(1).second()).isEqualTo(published.get(0).second() + 1);
    for (long at : publishedAtMillis) {
      assertThat(at % 1000).as("aligned to the wall-clock second").isLessThan(300);
    }
    int afterStop = published.size();
    Thread.sleep(1200);
    assertThat(published).hasSize(afterStop);
    assertThat(timers.getQueue()).isEmpty();
  }
}
