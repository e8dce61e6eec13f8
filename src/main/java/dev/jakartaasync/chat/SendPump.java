package dev.jakartaasync.chat;

import dev.jakartaasync.core.AppExecutors;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedExecutors;
import jakarta.enterprise.concurrent.ManagedTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The threads every chat send starts from: a queue of short steps (start the next write of one
 * member, drop a member) drained by {@value AppExecutors#CHAT_SENDER_THREADS} long-running tasks on
 * the application's own managed executor ({@link AppExecutors#CHAT_SENDERS}).
 *
 * <p>Why not send from the thread that reports a finished write: that is a container I/O thread
 * with no application context, and some servers need one for a send (payara/Payara#8385: Tyrus
 * restarts the idle timer through a managed executor on every send, which fails there). Why not
 * hand each step to a managed executor from that thread: the hand-off captures the thread's
 * context, which is exactly what fails. Putting the step on a plain queue needs nothing from the
 * container; the steps themselves run on container-managed threads. The writes are asynchronous, so
 * two threads keep thousands of connections busy.
 */
@ApplicationScoped
public class SendPump {

  private static final Logger LOG = Logger.getLogger(SendPump.class.getName());

  private final BlockingQueue<Runnable> steps = new LinkedBlockingQueue<>();

  /**
   * {@link #unproxied()}: puts a step straight on the queue. Safe from any thread, including
   * container I/O threads: only a queue insertion.
   */
  private final Executor direct = steps::add;

  private volatile boolean running = true;

  @Resource(lookup = AppExecutors.CHAT_SENDERS)
  ManagedExecutorService senders;

  @PostConstruct
  void start() {
    Map<String, String> longRunning = Map.of(ManagedTask.LONGRUNNING_HINT, "true");
    for (int i = 0; i < AppExecutors.CHAT_SENDER_THREADS; i++) {
      senders.execute(ManagedExecutors.managedTask(this::drain, longRunning, null));
    }
  }

  /** Starts the loops when the application starts, not on the first message. */
  void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // Observing is enough: it makes the container create this bean, which runs start().
  }

  @PreDestroy
  void stop() {
    running = false;
  }

  /**
   * An executor onto this pump's queue, bypassing the CDI client proxy that injection gives: every
   * line to every member is one {@code execute} call, and through Weld's proxy (Payara and WildFly)
   * each call also builds and drops a thread-local interception stack, about 250 bytes of garbage
   * (JFR's samples on WildFly, docs/EFFICIENCY-NOTES.md section 30). The pump is application-scoped
   * and has no interceptors, so the proxy adds only that cost.
   *
   * <p>Not the pump itself: a client proxy that sees its bean return itself returns the proxy
   * instead (Weld's {@code ClientProxyFactory} generates that check), and {@code return this} gave
   * every send the proxy after all (a CPU profile on WildFly, docs/EFFICIENCY-NOTES.md section 47).
   */
  Executor unproxied() {
    return direct;
  }

  private void drain() {
    try {
      while (running) {
        Runnable step = steps.poll(1, TimeUnit.SECONDS);
        if (step != null) {
          runSafely(step);
        }
      }
    } catch (InterruptedException shutdown) {
      Thread.currentThread().interrupt();
    }
  }

  private static void runSafely(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      // One member's failure must not stop the sends of all the others.
      LOG.log(Level.WARNING, "chat send step failed", e);
    }
  }
}
