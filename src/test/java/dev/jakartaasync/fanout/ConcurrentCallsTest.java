package dev.jakartaasync.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jakartaasync.core.Delays;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrentCallsTest {

  private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2);
  private final ConcurrentCalls calls = new ConcurrentCalls(delays(timers), timers);

  @AfterEach
  void stop() {
    timers.shutdownNow();
  }

  @Test
  void combinesBothRepliesInCallOrderWithTheElapsedTime() throws Exception {
    AtomicLong fakeNanos = new AtomicLong();
    calls.clock = () -> fakeNanos.getAndAdd(1_500_000_000L);

    CombinedReplies replies = calls.callBoth(Faults.NONE).get(10, TimeUnit.SECONDS);

    assertThat(replies.results())
        .containsExactly(
            new ServiceReply("one", "some data"), new ServiceReply("two", "more data"));
    assertThat(replies.elapsedMs()).isEqualTo(1500);
  }

  @Test
  void aFailingServiceFailsTheWholeCallNamingIt() {
    assertThatThrownBy(() -> calls.callBoth(Faults.parse("two", null)).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            ServiceCallException.class,
            e -> {
              assertThat(e.service()).isEqualTo("two");
              assertThat(e.kind()).isEqualTo(ServiceCallException.Kind.FAILED);
            });
  }

  @Test
  void aSlowServiceTimesOutAtItsDeadline() {
    assertThatThrownBy(() -> calls.callBoth(Faults.parse(null, "one")).get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            ServiceCallException.class,
            e -> {
              assertThat(e.service()).isEqualTo("one");
              assertThat(e.kind()).isEqualTo(ServiceCallException.Kind.TIMED_OUT);
            });
  }

  @Test
  void aSaturatedExecutorFailsTheCallWithRejection() {
    ConcurrentCalls saturated =
        new ConcurrentCalls(
            delays(timers),
            task -> {
              throw new RejectedExecutionException("full");
            });

    assertThatThrownBy(() -> saturated.callBoth(Faults.NONE).get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void mapsFailureTo502AndLatenessTo504() {
    var mapper = new ServiceCallMapper();

    Response failed = mapper.toResponse(ServiceCallException.failed("two"));
    Response late = mapper.toResponse(ServiceCallException.timedOut("one", 2000));

    assertThat(failed.getStatus()).isEqualTo(502);
    assertThat((String) failed.getEntity()).contains("\"service\":\"two\"");
    assertThat(late.getStatus()).isEqualTo(504);
    assertThat((String) late.getEntity()).contains("\"service\":\"one\"");
  }

  private static Delays delays(ScheduledExecutorService timers) {
    return new Delays(timers);
  }
}
