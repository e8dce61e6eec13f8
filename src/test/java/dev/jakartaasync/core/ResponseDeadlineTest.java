package dev.jakartaasync.core;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.CompletionCallback;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResponseDeadlineTest {

  /** A clock moved by hand; the test ticks the timer itself. */
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private final Delays delays = new Delays(null, Runnable::run, now::get);
  private final ResponseDeadline deadline = new ResponseDeadline(delays);

  /** Records what the deadline does to an AsyncResponse: the calls and their arguments. */
  private final List<Object[]> calls = new ArrayList<>();

  private final AsyncResponse response =
      (AsyncResponse)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {AsyncResponse.class},
              (proxy, method, args) -> {
                calls.add(new Object[] {method.getName(), args});
                return method.getReturnType() == boolean.class ? true : null;
              });

  @Test
  void resumesWithA503ProblemWhenNothingAnsweredInTime() {
    deadline.apply(response, Duration.ofSeconds(6));

    advance(Duration.ofMillis(5999));
    assertThat(callsNamed("resume")).isEmpty();
    advance(Duration.ofMillis(1));

    List<Object[]> resumed = callsNamed("resume");
    assertThat(resumed).hasSize(1);
    Response problem = (Response) ((Object[]) resumed.get(0)[1])[0];
    assertThat(problem.getStatus()).isEqualTo(503);
    assertThat(problem.getMediaType()).isEqualTo(Problem.PROBLEM_JSON);
    assertThat(problem.getEntity().toString()).contains("No answer within 6000 ms");
  }

  @Test
  void anAnsweredResponseForgetsItsDeadlineAtOnce() {
    deadline.apply(response, Duration.ofSeconds(6));
    assertThat(delays.waiting()).isEqualTo(1);

    // The runtime reports the response sent: the timer must go, not linger for 6 s.
    CompletionCallback sent = (CompletionCallback) ((Object[]) callsNamed("register").get(0)[1])[0];
    sent.onComplete(null);

    assertThat(delays.waiting()).isZero();
    advance(Duration.ofSeconds(7));
    assertThat(callsNamed("resume")).isEmpty();
  }

  private void advance(Duration by) {
    now.addAndGet(by.toNanos());
    delays.tick();
  }

  private List<Object[]> callsNamed(String name) {
    return calls.stream().filter(call -> call[0].equals(name)).toList();
  }
}
