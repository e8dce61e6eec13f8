package dev.jakartaasync.chat;

import dev.jakartaasync.core.AppExecutors;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chat room: who is connected, and delivery of every line to each of them through that member's
 * own {@link Outbox}, so that a slow or stalled member never delays the others.
 *
 * <p>The fan-out seam is the CDI event {@link ChatLine}: {@link #say} and {@link #leave} fire it,
 * {@link #deliver} observes it and hands the line to the members connected to this server. The
 * scale-out ({@code chat.relay}) is another observer of the same event: it appends the lines said
 * here to a Redis stream, and fires the lines it reads from other instances as {@link
 * ChatLine#relayed} events, which {@link #deliver} hands to the members here like any other. The
 * room knows nothing about Redis.
 */
@ApplicationScoped
public class ChatRoom {

  /**
   * How far one member may fall behind before it is dropped: 1 MiB or 1024 lines, whichever comes
   * first (256 messages of the maximum size), or one write not done after 10 s. Bounds the memory a
   * stalled reader can hold, and the time a lost write completion can silence a member.
   */
  static final Backlog BACKLOG = new Backlog(1024, 1 << 20, Duration.ofSeconds(10));

  /** Drops connections whose peer vanished without a close (quiet rooms; see README). */
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

  /** How often {@link #sweep} looks for stuck writes and idle members: one timer for the room. */
  static final Duration SWEEP_EVERY = Duration.ofSeconds(1);

  static final String GOING_AWAY = "The server is shutting down";

  private final Map<String, Outbox> members = new ConcurrentHashMap<>();

  private final AtomicLong writeTimeouts = new AtomicLong();

  /**
   * Gives the room one order: a line is offered to every member before the next line is offered to
   * any, so no two members see two lines in different orders (as in the tutorial's sequential
   * {@code await} loop). Held only for queue insertions, never for a write. Lines said here are
   * fired under it too, so the relay queues them for the other instances in that same order.
   */
  private final Object order = new Object();

  @Inject Event<ChatLine> lines;

  @Inject SendPump pump;

  @Resource(lookup = AppExecutors.WORKERS)
  Executor workers;

  @Resource(lookup = AppExecutors.TIMERS)
  ScheduledExecutorService timers;

  private ScheduledFuture<?> sweeping;

  /** Starts every send of every member: the {@link SendPump}, without its proxy (see there). */
  private Executor sends;

  @PostConstruct
  void start() {
    sends = pump.unproxied();
    long every = SWEEP_EVERY.toMillis();
    sweeping = timers.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Undeploy or SIGTERM: every member is closed with 1001 (Going Away), so that its page reconnects
   * at once, to whichever instance the load balancer picks, instead of waiting for a dead
   * connection to time out. The members are forgotten first: their {@code @OnClose} then finds
   * nobody to remove and tells nobody "has left" while the application goes down.
   */
  @PreDestroy
  void stop() {
    sweeping.cancel(false);
    List<Outbox> leaving = new ArrayList<>(members.values());
    members.clear();
    for (Outbox outbox : leaving) {
      outbox.closeNow(Outbox.IDLE, GOING_AWAY);
    }
  }

  void join(Session session) {
    Outbox outbox =
        new Outbox(
            new SessionWire(session),
            BACKLOG,
            sends,
            workers,
            () -> leave(session),
            System::nanoTime);
    members.put(session.getId(), outbox);
  }

  /** The member sent something, even a blank keep-alive: it is not idle. */
  void heard(Session session) {
    Outbox outbox = members.get(session.getId());
    if (outbox != null) {
      outbox.heard();
    }
  }

  void say(String message) {
    announce(ChatLine.said(message));
  }

  /**
   * Removes the member once, however many ways it leaves (close, error, overflow), and tells the
   * others once.
   */
  void leave(Session session) {
    Outbox gone = members.remove(session.getId());
    if (gone != null) {
      gone.discard();
      announce(ChatLine.left());
    }
  }

  /** Fires a line said here in the room's {@link #order} (the relay's observer runs inside it). */
  private void announce(ChatLine line) {
    synchronized (order) {
      lines.fire(line);
    }
  }

  /**
   * Queues the line for every member connected here, in the room's {@link #order}; never waits for
   * a write, never throws for one member.
   */
  void deliver(@Observes ChatLine line) {
    synchronized (order) {
      for (Outbox outbox : members.values()) {
        outbox.offer(line);
      }
    }
  }

  /**
   * Drops the members whose current write is stuck ({@link Outbox#dropIfStuck}) and closes those
   * idle for {@link #IDLE_TIMEOUT} ({@link Outbox#closeIfIdle}).
   */
  void sweep() {
    long now = System.nanoTime();
    for (Outbox outbox : members.values()) {
      if (outbox.dropIfStuck(now)) {
        writeTimeouts.incrementAndGet();
      } else {
        outbox.closeIfIdle(now, IDLE_TIMEOUT);
      }
    }
  }

  ChatStatus status(RelayStatus relay) {
    long now = System.nanoTime();
    int writing = 0;
    int queued = 0;
    Duration longest = Duration.ZERO;
    for (Outbox outbox : members.values()) {
      Duration writingFor = outbox.writingFor(now);
      if (!writingFor.isZero()) {
        writing++;
        if (writingFor.compareTo(longest) > 0) {
          longest = writingFor;
        }
      }
      queued += outbox.queuedLines();
    }
    return new ChatStatus(
        members.size(), writing, longest.toMillis(), queued, writeTimeouts.get(), relay);
  }
}
