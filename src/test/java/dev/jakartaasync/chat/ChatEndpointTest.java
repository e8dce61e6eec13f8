package dev.jakartaasync.chat;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatEndpointTest {

  final List<String> calls = new ArrayList<>();

  /** A session that records which of its methods the endpoint called. */
  Session session(String id) {
    return (Session)
        Proxy.newProxyInstance(
            Session.class.getClassLoader(),
            new Class<?>[] {Session.class},
            (proxy, method, args) -> {
              calls.add(method.getName());
              switch (method.getName()) {
                case "getId":
                  return id;
                case "isOpen":
                  return true;
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
   * The lost-member bug: on Payara 6, changing the idle timeout of a new session races with the
   * idle check Tyrus armed when it created the session, which then closes it right after
   * {@code @OnOpen} (about 1 connection in 1000 under load). The room sweeps idle members instead.
   */
  @Test
  void openingJoinsTheRoomWithoutTouchingTheContainersIdleTimeout() {
    ChatRoom room = new ChatRoom();
    ChatEndpoint endpoint = new ChatEndpoint(room);

    endpoint.open(session("a"));
    endpoint.open(session("b"));

    assertThat(calls).doesNotContain("setMaxIdleTimeout");
    assertThat(room.status(RelayStatus.local("n")).members()).isEqualTo(2);
  }
}
