package dev.jakartaasync.chat.relay;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts Redis and launches instance B before Arquillian boots instance A (this extension is
 * registered first, so the two servers boot side by side), and stops both after A is gone.
 *
 * <p>Redis listens on {@code chat.cluster.redis.port}, the port that the cluster execution also
 * gave to instance A as {@code -Dchat.redis.url}. Work files and logs go to {@code
 * chat.cluster.dir}.
 */
public final class RedisAndSecondInstance implements BeforeAllCallback, AfterAllCallback {

  private static RedisProcess redis;
  private static SecondInstance b;

  static RedisProcess redis() {
    return redis;
  }

  static SecondInstance b() {
    return b;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Path dir = Path.of(System.getProperty("chat.cluster.dir", "target/cluster-it"));
    redis = RedisProcess.start(Integer.getInteger("chat.cluster.redis.port"), dir);
    b = SecondInstance.launch(dir.resolve("b"), redis.url());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (b != null) {
        b.close();
      }
    } finally {
      if (redis != null) {
        redis.close();
      }
    }
  }
}
