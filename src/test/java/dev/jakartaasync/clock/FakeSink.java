package dev.jakartaasync.clock;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sink that records what was sent and can behave as Jersey does when the client has left: like
 * Payara, {@link #isClosed()} stays false; the send's stage fails, or the send throws.
 */
final class FakeSink implements SseEventSink {

  enum Client {
    LISTENING,
    GONE_STAGE_FAILS,
    GONE_SEND_THROWS
  }

  final List<OutboundSseEvent> sent = new CopyOnWriteArrayList<>();
  volatile Client client = Client.LISTENING;
  volatile boolean closedByServer;
  volatile CompletableFuture<Void> nextSend;

  @Override
  public boolean isClosed() {
    return false;
  }

  @Override
  public CompletionStage<?> send(OutboundSseEvent event) {
    switch (client) {
      case GONE_SEND_THROWS -> throw new IllegalStateException("closed");
      case GONE_STAGE_FAILS -> {
        return CompletableFuture.failedFuture(new IOException("Connection is closed"));
      }
      default -> {
        sent.add(event);
        CompletableFuture<Void> pending = nextSend;
        if (pending != null) {
          nextSend = null;
          return pending;
        }
        return CompletableFuture.completedFuture(null);
      }
    }
  }

  @Override
  public void close() {
    closedByServer = true;
  }

  List<String> ids() {
    return sent.stream().map(OutboundSseEvent::getId).toList();
  }
}
