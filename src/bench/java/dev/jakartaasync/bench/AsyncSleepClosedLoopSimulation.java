package dev.jakartaasync.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Chapter 1 closed loop: {@code -Dbench.users} (5000) users, each on its own keep-alive connection,
 * calling {@code GET /async-sleep} again as soon as the previous answer arrives, for {@code
 * -Dbench.seconds} (10). A perfect server gives each user one response per second; the figure of
 * merit is responses per user per second over the measured wall time (first request sent to last
 * response received, so the tail of the last round counts against it). The loop does not exit in
 * the middle of a request ({@code exitASAP = false}): every request started is counted.
 */
public class AsyncSleepClosedLoopSimulation extends Simulation {

  static final double TARGET_PER_USER_PER_SECOND = 0.85;

  private final int users = BenchTarget.intProperty("bench.users", 5000);
  private final int seconds = BenchTarget.intProperty("bench.seconds", 10);
  private final LoadRecord record = new LoadRecord(users * (seconds + 2));

  private final ScenarioBuilder warmUp =
      scenario("warm-up")
          .repeat(40)
          .on(exec(http("warm-up").get("/async-sleep?seconds=0").check(status().is(200))));

  private final ScenarioBuilder loop =
      scenario("closed loop of " + users)
          .during(Duration.ofSeconds(seconds), false)
          .on(
              exec(record::started)
                  .exec(
                      http("GET /async-sleep")
                          .get("/async-sleep")
                          .check(status().is(200), substring("Slept for 1 second!")))
                  .exec(record::finished));

  {
    setUp(warmUp.injectOpen(atOnceUsers(50)).andThen(loop.injectOpen(atOnceUsers(users))))
        .protocols(BenchTarget.http());
  }

  @Override
  public void after() {
    double wall = record.wallSeconds();
    double perUserPerSecond = record.ok() / (double) users / wall;
    boolean met = record.failed() == 0 && perUserPerSecond >= TARGET_PER_USER_PER_SECOND;
    BenchTarget.report(
        String.format(
            "closed-loop users=%d seconds=%d wall=%.3fs responses/user/s=%.3f target>=%.2f %s"
                + " p50=%.0fms p99=%.0fms -> %s",
            users,
            seconds,
            wall,
            perUserPerSecond,
            TARGET_PER_USER_PER_SECOND,
            record.counts(),
            record.percentileMillis(50),
            record.percentileMillis(99),
            met ? "met" : "MISSED"));
  }
}
