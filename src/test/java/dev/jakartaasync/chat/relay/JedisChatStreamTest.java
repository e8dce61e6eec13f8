package dev.jakartaasync.chat.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link JedisChatStream} against a real {@code redis-server} from the PATH (skipped where there is
 * none): the commands as Redis answers them, and the timeout that keeps a hung Redis from hanging
 * the reader (redis/jedis#3320).
 */
class JedisChatStreamTest {

  static Process redis;
  static int port;
  static ChatStream.Connector connector;

  @BeforeAll
  static void startRedis() throws Exception {
    assumeTrue(onPath("redis-server"), "no redis-server on the PATH");
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    redis =
        new ProcessBuilder("redis-server", "--port", "" + port, "--save", "", "--appendonly", "no")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    connector = JedisChatStream.connector(RedisUrl.parse("redis://127.0.0.1:" + port, "test"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (ChatStream ready = connector.connect()) {
        return;
      } catch (RuntimeException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(50);
      }
    }
  }

  @AfterAll
  static void stopRedis() throws Exception {
    if (redis != null) {
      signal("CONT");
      redis.destroy();
      redis.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void appendedEntriesAreReadBackInOrderWithTheirFields() {
    try (ChatStream writer = connector.connect();
        ChatStream reader = connector.connect()) {
      String start = reader.lastId();

      writer.append(
          List.of(
              new RelayEntry("n1", 1, "A user says: hi", 15),
              new RelayEntry("n1", 2, "A user has left the chat.", 25)));

      List<StreamRecord> read = reader.readAfter(start);
      assertThat(read).hasSize(2);
      assertThat(read.get(0).fields())
          .containsEntry("node", "n1")
          .containsEntry("seq", "1")
          .containsEntry("text", "A user says: hi");
      assertThat(read.get(1).fields()).containsEntry("text", "A user has left the chat.");
      assertThat(reader.readAfter(read.get(1).id())).isEmpty(); // after the block time
    }
  }

  @Test
  void readingAfterTheNewestEntryWaitsForTheNextAppend() {
    try (ChatStream writer = connector.connect();
        ChatStream reader = connector.connect()) {
      writer.append(List.of(new RelayEntry("n2", 1, "old", 3)));
      String newest = reader.lastId();

      long start = System.nanoTime();
      assertThat(reader.readAfter(newest)).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(JedisChatStream.BLOCK.minusMillis(100));

      writer.append(List.of(new RelayEntry("n2", 2, "new", 3)));
      assertThat(reader.readAfter(newest))
          .extracting(record -> record.fields().get("text"))
          .containsExactly("new");
    }
  }

  /** Without the blocking-read timeout this read would never return: the JUnit timeout fails it. */
  @Test
  @Timeout(value = 15, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aPausedRedisMakesABlockedReadFailInsteadOfHangingForever() throws Exception {
    try (ChatStream reader = connector.connect()) {
      reader.ping();
      signal("STOP");
      try {
        long start = System.nanoTime();
        // After an id far in the future: nothing to return at once, so the read blocks in Redis.
        assertThatThrownBy(() -> reader.readAfter("9999999999999-0"))
            .isInstanceOf(RuntimeException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .isLessThan(JedisChatStream.BLOCKED_READ_TIMEOUT.plusSeconds(3));
      } finally {
        signal("CONT");
      }
    }
  }

  @Test
  void connectingToNothingFailsWithinTheConnectTimeout() throws IOException {
    int closedPort;
    try (ServerSocket free = new ServerSocket(0)) {
      closedPort = free.getLocalPort();
    }
    ChatStream.Connector nowhere =
        JedisChatStream.connector(RedisUrl.parse("redis://127.0.0.1:" + closedPort, "test"));

    assertThatThrownBy(nowhere::connect).isInstanceOf(RuntimeException.class);
  }

  private static void signal(String name) throws Exception {
    new ProcessBuilder("kill", "-" + name, Long.toString(redis.pid()))
        .start()
        .waitFor(5, TimeUnit.SECONDS);
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (new File(dir, command).canExecute()) {
        return true;
      }
    }
    return false;
  }
}
