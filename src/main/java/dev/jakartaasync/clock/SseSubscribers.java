package dev.jakartaasync.clock;

import dev.jakartaasync.core.AppExecutors;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * This server's open {@code /stream-time} streams, and the fan-out of each tick to them.
 *
 * <p>With 10 000 subscribers one tick is 10 000 sends, and Jersey performs each send on the calling
 * thread (it serializes the event and writes it to the socket there). So the ticker does not send:
 * it hands the subscribers, in batches, to the application's worker executor, and the batches run
 * in parallel. A client whose write blocks holds up at most the rest of its batch for one tick (see
 * {@link Subscriber} for why it cannot hold more).
 */
@ApplicationScoped
public class SseSubscribers implements TickBroadcast {

  /** Subscribers per send task: 10 000 subscribers make 40 tasks a second, not 10 000. */
  static final int BATCH = 250;

  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private volatile ClockTick latest;

  @Resource(lookup = AppExecutors.WORKERS)
  Executor senders;

  public SseSubscribers() {}

  /** For code outside a container, such as unit tests. */
  SseSubscribers(Executor senders) {
    this.senders = senders;
  }

  /** Registers a new stream and sends it {@code first} at once. */
  void subscribe(SseEventSink sink, Sse sse, StreamLength length, ClockTick first) {
    var subscriber = new Subscriber(sink, sse, length, subscribers::remove);
    subscribers.add(subscriber);
    subscriber.offer(first);
  }

  int count() {
    return subscribers.size();
  }

  @Override
  public void publish(ClockTick tick) {
    latest = tick;
    List<Subscriber> all = List.copyOf(subscribers);
    for (int from = 0; from < all.size(); from += BATCH) {
      List<Subscriber> batch = all.subList(from, Math.min(from + BATCH, all.size()));
      try {
        // The newest tick when the task runs, not the one it was made for: if the server falls
        // behind (CPU starved), queued tasks send the current time once and the rest of the
        // backlog costs nothing, instead of replaying every missed second.
        senders.execute(() -> batch.forEach(subscriber -> subscriber.offer(latest)));
      } catch (RejectedExecutionException shuttingDown) {
        // Only while the application stops; close() ends the streams.
        return;
      }
    }
  }

  /** Undeploy or shutdown: every open stream ends cleanly instead of being cut. */
  @PreDestroy
  void close() {
    List.copyOf(subscribers).forEach(Subscriber::end);
  }
}
