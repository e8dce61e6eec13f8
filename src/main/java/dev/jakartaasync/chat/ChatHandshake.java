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
 * same-origin rule, comes from the handshake's HTTP request, which CDI exposes as a built-in
 * request-scoped bean while the container processes it (the upgrade is a servlet request). If it
 * cannot be had, only the configured list passes: the check fails closed.
 *
 * <p>{@code getEndpointInstance} hands each connection the room directly rather than leaving the
 * endpoint to the container's CDI integration: one application-scoped room, no per-connection bean
 * bookkeeping in the container.
 *
 * <p>Both beans are looked up once, on the first handshake, and kept: the room's and the request's
 * references are client proxies, valid for every later handshake. Why not look them up each time:
 * {@code CDI.current()} finds its caller's archive by taking a stack trace; on WildFly, JFR's
 * allocation samples put two such lookups at about 12 KB of garbage per handshake
 * (docs/EFFICIENCY-NOTES.md section 30).
 */
public class ChatHandshake extends ServerEndpointConfig.Configurator {

  private volatile Beans beans;

  @Override
  public boolean checkOrigin(String origin) {
    return AllowedOrigins.configured().allows(origin, handshakeHost());
  }

  @Override
  public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
    if (endpointClass != ChatEndpoint.class) {
      throw new InstantiationException("Only creates ChatEndpoint, not " + endpointClass);
    }
    return endpointClass.cast(new ChatEndpoint(beans().room()));
  }

  private String handshakeHost() {
    try {
      return beans().request().getHeader("Host");
    } catch (RuntimeException noRequestHere) {
      return null;
    }
  }

  private Beans beans() {
    Beans found = beans;
    if (found == null) {
      CDI<Object> cdi = CDI.current();
      found =
          new Beans(cdi.select(ChatRoom.class).get(), cdi.select(HttpServletRequest.class).get());
      beans = found;
    }
    return found;
  }

  /** The two client proxies the handshake needs. */
  private record Beans(ChatRoom room, HttpServletRequest request) {}
}
