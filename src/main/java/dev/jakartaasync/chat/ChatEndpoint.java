package dev.jakartaasync.chat;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chapter 5, {@code /ws/chat}: the tutorial's {@code @app.websocket("/ws/chat")}. Boundary only:
 * the protocol in and out; the room ({@link ChatRoom}) does the fan-out.
 *
 * <p>Protocol, exactly the tutorial's: a text message {@code X} reaches every member, the sender
 * included, as {@code A user says: X}; when a member leaves, the others get {@code A user has left
 * the chat.}
 *
 * <p>Limits: a message over {@value #MAX_MESSAGE_BYTES} bytes closes the connection with 1009
 * (Message Too Big, done by the container through {@code maxMessageSize}); empty or whitespace-only
 * messages are ignored (the page sends one now and then to keep a quiet connection alive); a
 * connection with no traffic either way for {@link ChatRoom#IDLE_TIMEOUT} is closed by the room.
 *
 * <p>Why the room and not {@code session.setMaxIdleTimeout(2 min)}: on Payara 6 that call races
 * with the idle timer Tyrus arms when it creates the session. Tyrus schedules its idle check at
 * once (delay 0, the container default "no timeout") on Payara's one-thread scheduler; if that
 * check starts before {@code setMaxIdleTimeout} cancels it and reads the new timeout after it was
 * set, it closes the brand-new session as idle (1006) right after {@code @OnOpen}. Under a burst of
 * connections that happened to about 1 in 1000: a client whose handshake succeeded but who never
 * received a line (README, chapter 5). Sweeping idle members in the room avoids the race, and works
 * the same on every server.
 *
 * <p>Why {@link #open} still sets the container's timeout, to {@value #NEVER}: a negative timeout
 * is the specification's "never times out", which Tyrus's idle check reads as "do not close" (so
 * the race above cannot close anything), and with tyrus#917 (in the Tyrus 2.2.2 of Payara Micro
 * 7.2026.11, not in Payara 6's 2.1.5) it also stops Tyrus from re-arming its idle timer, a task on
 * the server's scheduled executor, at every send and receive. With the default (0) it re-arms it at
 * every line to every member: a quarter of Payara 7's CPU per line (docs/EFFICIENCY-NOTES.md,
 * section 44). Undertow reads a negative timeout as none, as it reads its default.
 *
 * <p>{@link ChatHandshake} creates each instance (and checks the Origin first).
 */
@ServerEndpoint(value = "/ws/chat", configurator = ChatHandshake.class)
public class ChatEndpoint {

  static final int MAX_MESSAGE_BYTES = 4096;

  /** The container's idle timeout for a member: never (the room closes idle members). */
  static final long NEVER = -1;

  private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

  private final ChatRoom room;

  ChatEndpoint(ChatRoom room) {
    this.room = room;
  }

  @OnOpen
  public void open(Session session) {
    session.setMaxIdleTimeout(NEVER);
    room.join(session);
  }

  @OnMessage(maxMessageSize = MAX_MESSAGE_BYTES)
  public void message(String text, Session session) {
    room.heard(session);
    if (text.isBlank()) {
      return;
    }
    room.say(text);
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    room.leave(session);
  }

  /** A broken connection: the container closes it next; nothing the client could be told. */
  @OnError
  public void error(Session session, Throwable error) {
    LOG.log(Level.FINE, "chat connection " + session.getId() + " failed", error);
    room.leave(session);
  }
}
