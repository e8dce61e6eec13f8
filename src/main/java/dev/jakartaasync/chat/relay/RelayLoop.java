package dev.jakartaasync.chat.relay;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the relay's two loops share: connect, do the work until the connection fails, close it, wait
 * ({@link Backoff}), connect again; until {@link #stop}. Each loop owns its connection, used by its
 * thread only, so a blocked read never holds up an append.
 *
 * <p>Why the loop closes and reopens on any failure: after a timeout or an error in the middle of a
 * reply, the connection's state is unknown; a fresh one is. Why {@link #stop} closes the connection
 * from outside: a read blocked in Redis returns at once instead of at its timeout, so undeploy is
 * quick. Logged: losing and regaining the connection, once each, not every retry.
 */
abstract class RelayLoop implements Runnable {

  private static final Logger LOG = Logger.getLogger(RelayLoop.class.getName());

  protected final LoopState state = new LoopState();
  private final String name;
  private final ChatStream.Connector connector;
  private final Backoff backoff;
  private volatile ChatStream current;
  private volatile boolean connected;
  private boolean lossReported;

  RelayLoop(String name, ChatStream.Connector connector, Backoff backoff) {
    this.name = name;
    this.connector = connector;
    this.backoff = backoff;
  }

  /**
   * Works on {@code stream} while the loop runs; throws when the connection fails.
   *
   * @throws InterruptedException only when the loop is being stopped
   */
  protected abstract void work(ChatStream stream) throws InterruptedException;

  /**
   * Runs on each new connection before the loop reports itself connected; throws if the connection
   * fails.
   */
  protected void prepare(ChatStream stream) {}

  /** Called by {@link #stop}, to end a wait of {@link #work} that is not on the connection. */
  protected void wakeUp() {}

  @Override
  public final void run() {
    try {
      while (state.running()) {
        workOnOneConnection();
        if (state.running() && !state.pause(backoff.next())) {
          break;
        }
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    } catch (Error unexpected) {
      // Failures of the connection are RuntimeExceptions, handled above; an Error (a missing class
      // of the client library, memory) ends the loop, and must not do so silently.
      LOG.log(Level.SEVERE, "chat relay " + name + ": stopped by an unexpected error", unexpected);
      throw unexpected;
    } finally {
      connected = false;
      state.markEnded();
    }
  }

  private void workOnOneConnection() throws InterruptedException {
    ChatStream stream;
    try {
      stream = connector.connect();
    } catch (RuntimeException unreachable) {
      reportLoss(unreachable);
      return;
    }
    current = stream;
    try {
      if (!state.running()) {
        return;
      }
      prepare(stream);
      connected = true;
      if (lossReported) {
        lossReported = false;
        LOG.info(() -> "chat relay " + name + ": connected to Redis again");
      }
      work(stream);
    } catch (RuntimeException failed) {
      if (state.running()) {
        reportLoss(failed);
      }
    } finally {
      connected = false;
      current = null;
      stream.close();
    }
  }

  /** The connection did something useful: the next failure waits the shortest time again. */
  protected final void succeeded() {
    backoff.reset();
  }

  private void reportLoss(RuntimeException cause) {
    if (!lossReported) {
      lossReported = true;
      LOG.log(
          Level.WARNING,
          "chat relay "
              + name
              + ": no connection to Redis ("
              + cause
              + "); retrying with backoff, the chat goes on locally meanwhile");
    } else {
      LOG.log(Level.FINE, "chat relay " + name + ": still no connection to Redis", cause);
    }
  }

  boolean connected() {
    return connected;
  }

  /** Asks the loop to end, and breaks its connection so that a blocked read returns now. */
  void stop() {
    state.stop();
    wakeUp();
    ChatStream stream = current;
    if (stream != null) {
      stream.close();
    }
  }

  /**
   * @return whether the loop ended within {@code timeout}
   */
  boolean awaitEnd(Duration timeout) {
    return state.awaitEnd(timeout);
  }
}
