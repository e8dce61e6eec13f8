package dev.jakartaasync.clock;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import org.glassfish.jersey.media.sse.OutboundEvent;

/** The event factory of unit tests: Jersey's own event builder, without a server. */
final class FakeSse implements Sse {

  @Override
  public OutboundSseEvent.Builder newEventBuilder() {
    return new OutboundEvent.Builder();
  }

  @Override
  public SseBroadcaster newBroadcaster() {
    throw new UnsupportedOperationException("not used");
  }
}
