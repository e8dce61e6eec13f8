package dev.jakartaasync.chat;

import dev.jakartaasync.core.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * What {@code /ws/chat} answers when the WebSocket container did not take the request.
 *
 * <p>Why it exists: containers refuse a foreign Origin differently. Tyrus (Payara) answers 403
 * itself; Undertow (WildFly) declines the upgrade and passes the request on down the servlet chain,
 * where JAX-RS (mapped to {@code /*}) would answer 404. Catching that request here gives every
 * server the same answer: 403 for a refused Origin, and for a plain HTTP request (curl, a browser
 * tab) a 426 that says a WebSocket upgrade is needed. Both as problem+json.
 */
@Path("ws/chat")
public class ChatHandshakeRefusal {

  @GET
  public Response refuse(@HeaderParam("Origin") String origin, @HeaderParam("Host") String host) {
    if (origin != null && !AllowedOrigins.configured().allows(origin, host)) {
      return Problem.of(
              Response.Status.FORBIDDEN,
              "Origin " + origin + " may not open the chat. See README, chapter 5.")
          .toResponse();
    }
    return Response.fromResponse(
            Problem.of(new UpgradeRequired(), "/ws/chat speaks WebSocket only: open it as ws://…")
                .toResponse())
        .header("Upgrade", "websocket")
        .build();
  }

  /** 426 has no constant in {@code Response.Status}. */
  private static final class UpgradeRequired implements Response.StatusType {
    @Override
    public int getStatusCode() {
      return 426;
    }

    @Override
    public Response.Status.Family getFamily() {
      return Response.Status.Family.CLIENT_ERROR;
    }

    @Override
    public String getReasonPhrase() {
      return "Upgrade Required";
    }
  }
}
