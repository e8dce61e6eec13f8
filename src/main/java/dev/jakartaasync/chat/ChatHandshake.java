package dev.jakartaasync.chat;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * The handshake of {@code /ws/chat}: refuses foreign Origins (the container answers 403) and
 * creates the endpoint instances.
 *
 * <p>{@code checkOrigin} is given only the Origin header, and the container calls it before {@code
 * modifyHandshake}, which could not refuse with a 403 anyway. The Host header, needed for the
 * same-origin rule, comes from the handshake's HTTP request, which CDI exposes as a built-in bean
 * while the container processes it (the upgrade is a servlet request). If it cannot be had, only
 * the configured list passes: the check fails closed.
 *
 * <p>{@code getEndpointInstance} hands each connection the room directly rather than leaving the
 * endpoint to the container's CDI integration: one application-scoped room, no per-connection bean
 * bookkeeping in the container.
 */
public class ChatHandshake extends ServerEndpointConfig.Configurator {

  @Override
  public boolean checkOrigin(String origin) {
    return AllowedOrigins.configured().allows(origin, handshakeHost());
  }

  @Override
  public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
    if (endpointClass != ChatEndpoint.class) {
      throw new InstantiationException("Only creates ChatEndpoint, not " + endpointClass);
    }
    return endpointClass.cast(new ChatEndpoint(CDI.current().select(ChatRoom.class).get()));
  }

  private static String handshakeHost() {
    try {
      return CDI.current().select(HttpServletRequest.class).get().getHeader("Host");
    } catch (RuntimeException noRequestHere) {
      return null;
    }
  }
}
