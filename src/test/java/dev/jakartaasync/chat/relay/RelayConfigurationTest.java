package dev.jakartaasync.chat.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RelayConfigurationTest {

  @Test
  void unsetOrBlankMeansLocal() {
    assertThat(RelayConfiguration.configured(name -> null, name -> null)).isEmpty();
    assertThat(RelayConfiguration.configured(name -> " ", name -> null)).isEmpty();
  }

  @Test
  void thePropertyWinsOverTheEnvironment() {
    Map<String, String> properties = Map.of("chat.redis.url", "redis://from-property:1");
    Map<String, String> environment = Map.of("CHAT_REDIS_URL", "redis://from-env:2");

    assertThat(RelayConfiguration.configured(properties::get, environment::get))
        .contains(new RedisUrl("from-property", 1, null, null, 0));
    assertThat(RelayConfiguration.configured(name -> null, environment::get))
        .contains(new RedisUrl("from-env", 2, null, null, 0));
  }

  @Test
  void acceptsHostPortPasswordAndDatabase() {
    assertThat(RedisUrl.parse("redis://127.0.0.1:16379", "s"))
        .isEqualTo(new RedisUrl("127.0.0.1", 16379, null, null, 0));
    assertThat(RedisUrl.parse("redis://redis", "s"))
        .isEqualTo(new RedisUrl("redis", 6379, null, null, 0));
    assertThat(RedisUrl.parse("redis://:s3cret@redis:6380/2", "s"))
        .isEqualTo(new RedisUrl("redis", 6380, null, "s3cret", 2));
    assertThat(RedisUrl.parse("redis://chat:s3cret@redis:6380/", "s"))
        .isEqualTo(new RedisUrl("redis", 6380, "chat", "s3cret", 0));
  }

  @Test
  void aMalformedUrlIsRefusedNamingTheSettingAndNeverShowingThePassword() {
    for (String bad :
        new String[] {
          "localhost:6379",
          "http://localhost:6379",
          "redis://",
          "redis://host:port",
          "redis://host:6379/zero",
          "redis://host:6379?x=1",
          "redis://s3cret@host:6379",
          "redis://host name:6379"
        }) {
      assertThatThrownBy(
              () ->
                  RelayConfiguration.configured(
                      name -> name.equals("chat.redis.url") ? bad : null, name -> null))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("system property chat.redis.url")
          .hasMessageNotContaining("s3cret");
    }
    assertThatThrownBy(() -> RelayConfiguration.configured(name -> null, name -> "redis//nohost"))
        .hasMessageContaining("environment variable CHAT_REDIS_URL");
  }
}
