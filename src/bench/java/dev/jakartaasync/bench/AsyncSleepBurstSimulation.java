package dev.jakartaasync.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Chapter 1 burst: {@code -Dbench.users} (1000, 5000 or 10 000) simultaneous {@code GET
 * /async-sleep}, each from its own virtual user on its own fresh connection. The figure of merit is
 * the wall time from the first request sent to the last response received: with a thread-free
 * one-second sleep, the ideal is just over 1 s however many users there are.
 *
 * <p>A warm-up (2000 {@code ?seconds=0} requests from 50 keep-alive users, not counted) runs first
 * so the burst measures the server's steady state, not its JIT compiler.
 */
public class AsyncSleepBurstSimulation extends Simulation {

  private final int users = BenchTarget.intProperty("bench.users", 1000);
  private final LoadRecord record = new LoadRecord(users);

  private final ScenarioBuilder warmUp =
      scenario("warm-up")
          .repeat(40)
          .on(exec(http("warm-up").get("/async-sleep?seconds=0").check(status().is(200))));

  private final ScenarioBuilder burst =
      scenario("burst of " + users)
          .exec(record::started)
          .exec(
              http("GET /async-sleep")
                  .get("/async-sleep")
                  .check(status().is(200), substring("Slept for 1 second!")))
          .exec(record::finished);

  {
    setUp(warmUp.injectOpen(atOnceUsers(50)).andThen(burst.injectOpen(atOnceUsers(users))))
        .protocols(BenchTarget.http());
  }

  /** The targets on the 2-core reference machine (issue 7). */
  static double targetWallSeconds(int users) {
    if (users <= 1000) {
      return 1.1;
    }
    return users <= 5000 ? 1.3 : 2.0;
  }

  @Override
  public void after() {
    double wall = record.wallSeconds();
    double target = targetWallSeconds(users);
    boolean met = record.failed() == 0 && record.ok() == users && wall <= target;
    BenchTarget.report(
        String.format(
            "burst users=%d wall=%.3fs target<=%.1fs %s p50=%.0fms p99=%.0fms max=%.0fms -> %s",
            users,
            wall,
            target,
            record.counts(),
            record.percentileMillis(50),
            record.percentileMillis(99),
            record.percentileMillis(100),
            met ? "met" : "MISSED"));
  }
}
