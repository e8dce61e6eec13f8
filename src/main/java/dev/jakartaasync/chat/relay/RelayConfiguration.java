package dev.jakartaasync.chat.relay;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Whether the chat is shared through Redis: only if the system property {@value #PROPERTY} or the
 * environment variable {@value #ENV} is set (the property wins). Unset, the chat stays in this one
 * process, exactly as without a relay, and no connection is ever attempted.
 */
final class RelayConfiguration {

  static final String PROPERTY = "chat.redis.url";
  static final String ENV = "CHAT_REDIS_URL";

  private RelayConfiguration() {}

  /** The configured Redis, if any; a malformed value throws, naming the setting. */
  static Optional<RedisUrl> configured() {
    return configured(System::getProperty, System::getenv);
  }

  static Optional<RedisUrl> configured(
      UnaryOperator<String> properties, UnaryOperator<String> environment) {
    String value = properties.apply(PROPERTY);
    String setting = "system property " + PROPERTY;
    if (value == null) {
      value = environment.apply(ENV);
      setting = "environment variable " + ENV;
    }
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(RedisUrl.parse(value, setting));
  }
}
