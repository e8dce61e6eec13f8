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
 * Chapter 3: {@code -Dbench.requests} (1000) {@code POST /send-notification/?email=…&message=…}
 * from {@code -Dbench.users} (50) keep-alive users, each posting its share back to back. The
 * endpoint only queues the work (202), so the figure of merit is throughput: accepted requests per
 * second of wall time. Whether every queued notification is then written is {@code
 * NotificationDrainCheck}'s job, not this one's.
 */
public class SendNotificationSimulation extends Simulation {

  static final double TARGET_PER_SECOND = 4700;

  private final int users = BenchTarget.intProperty("bench.users", 50);
  private final int requests = BenchTarget.intProperty("bench.requests", 1000);
  private final LoadRecord record = new LoadRecord(requests);

  private ScenarioBuilder posting(String name, int perUser) {
    return scenario(name)
        .repeat(perUser, "n")
        .on(
            exec(record::started)
                .exec(
                    http("POST /send-notification/")
                        .post("/send-notification/")
                        .queryParam("email", "bench#{n}@example.com")
                        .queryParam("message", name + " #{n}")
                        .check(status().is(202), substring("Notification sent in the background")))
                .exec(record::finished));
  }

  private ScenarioBuilder warmUp() {
    return scenario("warm-up")
        .repeat(10)
        .on(
            exec(
                http("warm-up")
                    .post("/send-notification/")
                    .queryParam("email", "warmup@example.com")
                    .queryParam("message", "warm-up")
                    .check(status().is(202))));
  }

  {
    setUp(
            warmUp()
                .injectOpen(atOnceUsers(users))
                .andThen(posting("load", requests / users).injectOpen(atOnceUsers(users))))
        .protocols(BenchTarget.http());
  }

  /**
   * No verdict here: 1000 posts from Gatling's virtual users finish in under a second, mostly
   * client start-up and JIT, so this measures the client more than the server. The rate target is
   * judged on wrk's run in {@code bench/run}; this line stays for Gatling's report.
   */
  @Override
  public void after() {
    double wall = record.wallSeconds();
    BenchTarget.report(
        String.format(
            "send-notification (Gatling client) requests=%d users=%d wall=%.3fs rate=%.0f/s %s"
                + " p50=%.1fms p99=%.1fms (the %.0f/s target is judged on the wrk run)",
            requests,
            users,
            wall,
            record.ok() / wall,
            record.counts(),
            record.percentileMillis(50),
            record.percentileMillis(99),
            TARGET_PER_SECOND));
  }
}
