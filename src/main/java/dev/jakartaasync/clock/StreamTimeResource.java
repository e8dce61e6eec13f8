package dev.jakartaasync.clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * Chapter 4, {@code GET /stream-time}: the server's time as Server-Sent Events, one a second, the
 * Jakarta EE form of a {@code StreamingResponse} over an async generator.
 *
 * <p>The method returns at once; the stream stays open on its {@link SseEventSink} and no thread is
 * held for it. Every stream is fed by the one application-wide {@link ClockTicker}, through {@link
 * SseSubscribers}. {@code GET /stream-time/status} shows how many streams are open.
 */
@Path("stream-time")
@ApplicationScoped
public class StreamTimeResource {

  @Inject ClockTicker ticker;
  @Inject SseSubscribers subscribers;

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void streamTime(
      @QueryParam("count") String count, @Context SseEventSink sink, @Context Sse sse) {
    StreamLength length = StreamLength.parse(count);
    ticker.ensureRunning();
    subscribers.subscribe(sink, sse, length, ticker.now());
  }

  @GET
  @Path("status")
  @Produces(MediaType.APPLICATION_JSON)
  public StreamStatus status() {
    return new StreamStatus(subscribers.count());
  }
}
