package dev.jakartaasync.chat;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatEndpointTest {

  final List<Long> idleTimeouts = new ArrayList<>();

  /** A session that records the idle timeouts the endpoint set. */
  Session session(String id) {
    return (Session)
        Proxy.newProxyInstance(
            Session.class.getClassLoader(),
            new Class<?>[] {Session.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "getId":
                  return id;
                case "isOpen":
                  return true;
                case "setMaxIdleTimeout":
                  idleTimeouts.add((Long) args[0]);
                  return null;
                case "hashCode":
                  return id.hashCode();
                case "equals":
                  return proxy == args[0];
                default:
                  return null;
              }
            });
  }

  /**
   * The lost-member bug: on Payara 6, changing the idle timeout of a new session to a positive one
   * races with the idle check Tyrus armed when it created the session, which then closes it right
   * after {@code @OnOpen} (about 1 connection in 1000 under load). The room sweeps idle members
   * instead; the container's timeout is set only to "never", which no idle check closes on, and
   * which spares Tyrus 2.2.2+ an idle timer per send.
   */
  @Test
  void openingJoinsTheRoomWithTheContainersIdleTimeoutOff() {
    ChatRoom room = new ChatRoom();
    ChatEndpoint endpoint = new ChatEndpoint(room);

    endpoint.open(session("a"));
    endpoint.open(session("b"));

    assertThat(idleTimeouts).containsExactly(-1L, -1L);
    assertThat(room.status(RelayStatus.local("n")).members()).isEqualTo(2);
  }
}
