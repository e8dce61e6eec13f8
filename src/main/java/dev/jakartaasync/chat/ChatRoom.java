package dev.jakartaasync.chat;

import dev.jakartaasync.core.AppExecutors;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The chat room: who is connected, and delivery of every line to each of them through that member's
 * own {@link Outbox}, so that a slow or stalled member never delays the others.
 *
 * <p>The fan-out seam is the CDI event {@link ChatLine}: {@link #say} and {@link #leave} fire it,
 * {@link #deliver} observes it and hands the line to the members connected to this server. A
 * cluster transport (for example Payara's clustered CDI events) adds an observer that relays the
 * line to the other nodes, which call {@link #deliver} for their own members; nothing here changes.
 */
@ApplicationScoped
public class ChatRoom {

  /**
   * How far one member may fall behind before it is dropped: 1 MiB or 1024 lines, whichever comes
   * first (256 messages of the maximum size). Bounds the memory a stalled reader can hold.
   */
  static final Backlog BACKLOG = new Backlog(1024, 1 << 20);

  private final Map<String, Outbox> members = new ConcurrentHashMap<>();

  @Inject Event<ChatLine> lines;

  @Inject SendPump pump;

  @Resource(lookup = AppExecutors.WORKERS)
  Executor workers;

  void join(Session session) {
    Outbox outbox =
        new Outbox(new SessionWire(session), BACKLOG, pump, workers, () -> leave(session));
    members.put(session.getId(), outbox);
  }

  void say(String message) {
    lines.fire(ChatLine.said(message));
  }

  /**
   * Removes the member once, however many ways it leaves (close, error, overflow), and tells the
   * others once.
   */
  void leave(Session session) {
    Outbox gone = members.remove(session.getId());
    if (gone != null) {
      gone.discard();
      lines.fire(ChatLine.left());
    }
  }

  /** Queues the line for every member connected here; never blocks, never throws for one member. */
  void deliver(@Observes ChatLine line) {
    for (Outbox outbox : members.values()) {
      outbox.offer(line);
    }
  }
}
