package dev.jakartaasync.core;

import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The application's own container-managed executors, declared and sized here (Jakarta Concurrency
 * 3.0) instead of relying on the server's defaults.
 *
 * <p>Why not the defaults: Payara's default scheduled executor has exactly one thread, so resuming
 * thousands of suspended responses at the same second would be serialized on it; its default
 * managed executor rejects the 201st concurrent task. Both numbers differ on WildFly. Declaring
 * them makes the behaviour the same on every server.
 */
@ApplicationScoped
@ManagedScheduledExecutorDefinition(
    name = AppExecutors.TIMERS,
    maxAsync = AppExecutors.TIMER_THREADS)
@ManagedExecutorDefinition(name = AppExecutors.WORKERS, maxAsync = AppExecutors.WORKER_THREADS)
@ManagedExecutorDefinition(
    name = AppExecutors.CHAT_SENDERS,
    maxAsync = AppExecutors.CHAT_SENDER_THREADS)
@ManagedExecutorDefinition(
    name = AppExecutors.CHAT_RELAY,
    maxAsync = AppExecutors.CHAT_RELAY_THREADS)
public class AppExecutors {

  /**
   * Fires timers: thread-free waits, clock ticks. Its tasks only resume or complete something and
   * return at once, so a few threads serve thousands of timers. One exception: {@code Delays}'
   * ticker holds one thread while waits are pending (it parks between its ticks).
   */
  public static final String TIMERS = "java:app/concurrent/timers";

  /** Runs short units of work handed off by requests (the simulated service calls). */
  public static final String WORKERS = "java:app/concurrent/workers";

  /**
   * Runs the chat's send loops ({@code chat.SendPump}): long-running tasks that never return while
   * the app is deployed. Their own executor, so that they never take {@link #WORKERS} threads.
   */
  public static final String CHAT_SENDERS = "java:app/concurrent/chat-senders";

  /**
   * The sends are asynchronous, so two loops would keep thousands of connections busy; but on
   * Payara a send to a reader that stopped reading can hold its thread until the write timeout, and
   * the others must go on meanwhile.
   */
  public static final int CHAT_SENDER_THREADS = 4;

  /**
   * Runs the chat relay's two loops ({@code chat.relay}, only when Redis is configured): one
   * appends to the Redis stream, one reads it. Long-running tasks that each block on their own
   * connection, so their own executor, one thread each.
   */
  public static final String CHAT_RELAY = "java:app/concurrent/chat-relay";

  public static final int CHAT_RELAY_THREADS = 2;

  /** Two cores here: more timer threads than cores only adds context switches. */
  static final int TIMER_THREADS = 4;

  static final int WORKER_THREADS = 16;
}
