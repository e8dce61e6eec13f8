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
 * Chapter 2: {@code -Dbench.users} (100) simultaneous {@code GET /concurrent-requests}. Each one
 * overlaps a 1 s and a 1.5 s call, so the median should stay near 1.5 s (not 2.5 s) under load.
 */
public class ConcurrentRequestsSimulation extends Simulation {

  static final double TARGET_P50_MILLIS = 1550;

  private final int users = BenchTarget.intProperty("bench.users", 100);
  private final LoadRecord record = new LoadRecord(users);

  private final ScenarioBuilder warmUp =
      scenario("warm-up")
          .repeat(2)
          .on(exec(http("warm-up").get("/concurrent-requests").check(status().is(200))));

  private final ScenarioBuilder burst =
      scenario(users + " simultaneous")
          .exec(record::started)
          .exec(
              http("GET /concurrent-requests")
                  .get("/concurrent-requests")
                  .check(status().is(200), substring("\"service\":\"two\"")))
          .exec(record::finished);

  {
    setUp(warmUp.injectOpen(atOnceUsers(10)).andThen(burst.injectOpen(atOnceUsers(users))))
        .protocols(BenchTarget.http());
  }

  @Override
  public void after() {
    double p50 = record.percentileMillis(50);
    boolean met = record.failed() == 0 && record.ok() == users && p50 <= TARGET_P50_MILLIS;
    BenchTarget.report(
        String.format(
            "concurrent-requests users=%d p50=%.0fms target<=%.0fms p99=%.0fms wall=%.3fs %s -> %s",
            users,
            p50,
            TARGET_P50_MILLIS,
            record.percentileMillis(99),
            record.wallSeconds(),
            record.counts(),
            met ? "met" : "MISSED"));
  }
}
