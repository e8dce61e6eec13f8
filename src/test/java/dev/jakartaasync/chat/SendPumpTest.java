package dev.jakartaasync.chat;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SendPumpTest {

  final SendPump pump = new SendPump();

  @AfterEach
  void stopTheLoops() {
    pump.stop();
  }

  /**
   * The room asks the pump's client proxy once for {@code unproxied()}. Weld's proxy returns itself
   * wherever the bean returns {@code this}, so the executor must be another object, or every send
   * goes through the proxy (docs/EFFICIENCY-NOTES.md section 47).
   */
  @Test
  void unproxiedIsNotThePumpObjectThatAClientProxyWouldSwapForItself() {
    assertThat(pump.unproxied()).isNotSameAs(pump);
  }

  @Test
  void stepsGivenToTheUnproxiedExecutorRunOnThePumpsLoops() throws InterruptedException {
    pump.senders = threadPerTask();
    pump.start();
    CountDownLatch ran = new CountDownLatch(2);

    pump.unproxied().execute(ran::countDown);
    pump.unproxied().execute(ran::countDown);

    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
  }

  /** The container's executor, in a unit test: each long-running loop on its own thread. */
  static ManagedExecutorService threadPerTask() {
    return (ManagedExecutorService)
        Proxy.newProxyInstance(
            ManagedExecutorService.class.getClassLoader(),
            new Class<?>[] {ManagedExecutorService.class},
            (proxy, method, args) -> {
              if (method.getName().equals("execute")) {
                Thread loop = new Thread((Runnable) args[0], "send-loop");
                loop.setDaemon(true);
                loop.start();
                return null;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
