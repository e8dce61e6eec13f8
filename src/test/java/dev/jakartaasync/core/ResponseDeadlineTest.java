package dev.jakartaasync.core;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.TimeoutHandler;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ResponseDeadlineTest {

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
  void setsTheTimeoutAndResumesWithA503ProblemWhenItExpires() {
    ResponseDeadline.apply(response, Duration.ofSeconds(6));

    assertThat(calls.get(0))
        .containsExactly("setTimeout", new Object[] {6000L, TimeUnit.MILLISECONDS});
    TimeoutHandler handler = (TimeoutHandler) ((Object[]) calls.get(1)[1])[0];
    handler.handleTimeout(response);

    Response resumed = (Response) ((Object[]) calls.get(2)[1])[0];
    assertThat(calls.get(2)[0]).isEqualTo("resume");
    assertThat(resumed.getStatus()).isEqualTo(503);
    assertThat(resumed.getMediaType()).isEqualTo(Problem.PROBLEM_JSON);
  }
}
