package dev.jakartaasync.chat;

import dev.jakartaasync.core.CachedServiceLookups;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.function.Consumer;

/** An {@link Outbox.Wire} over a WebSocket session: the asynchronous send with a completion. */
final class SessionWire implements Outbox.Wire {

  private final Session session;

  SessionWire(Session session) {
    this.session = session;
  }

  /** With {@link CachedServiceLookups} as context class loader: see there why. */
  @Override
  public void send(String text, Consumer<Throwable> whenWritten) {
    CachedServiceLookups.ofThisApplication()
        .run(
            () ->
                session
                    .getAsyncRemote()
                    .sendText(
                        text,
                        result ->
                            whenWritten.accept(result.isOK() ? null : result.getException())));
  }

  @Override
  public void close(int code, String reason) {
    try {
      session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
    } catch (IOException | RuntimeException alreadyGone) {
      // Nothing left to tell a connection that is already closed.
    }
  }
}
