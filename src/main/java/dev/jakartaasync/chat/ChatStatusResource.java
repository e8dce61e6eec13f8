package dev.jakartaasync.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /chat/status}: how many members the room holds and whether any write is stuck, for
 * operators and load tests (the WebSocket protocol itself has no way to ask), and how it is shared
 * with other instances ({@link RelayStatus}).
 */
@Path("chat/status")
@ApplicationScoped
public class ChatStatusResource {

  @Inject ChatRoom room;

  @Inject RelayStatusSource relay;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public ChatStatus status() {
    return room.status(relay.relayStatus());
  }
}
