package dev.jakartaasync.chat.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * {@link ChatStream} over one plain Jedis connection (no pool: each relay loop owns one and is its
 * only user).
 *
 * <p>Why every timeout is set: a blocking read on a connection that was cut without a FIN (a
 * network partition, a Redis paused with SIGSTOP) would otherwise wait forever (redis/jedis#3320).
 * Jedis applies {@code socketTimeout} to ordinary commands but switches blocking ones such as
 * {@code XREAD BLOCK} to {@code blockingSocketTimeout}, which defaults to 0, "forever"; it is set
 * here to the block time plus a margin, so a silent Redis shows up as a timeout and the loop
 * reconnects.
 */
final class JedisChatStream implements ChatStream {

  /** One stream for the one room. */
  static final String KEY = "jakarta-async:chat";

  /** Approximate ({@code MAXLEN ~}), so that Redis trims whole nodes of the stream, cheaply. */
  static final long MAX_LENGTH = 10_000;

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

  /** How long one read waits for new entries before it returns empty and is sent again. */
  static final Duration BLOCK = Duration.ofSeconds(1);

  /** A read that has not answered by then is a hung connection, not a quiet stream. */
  static final Duration BLOCKED_READ_TIMEOUT = BLOCK.plus(Duration.ofSeconds(1));

  static final int READ_COUNT = 256;

  private static final String RUN_ID = "run_id:";

  private static final XAddParams APPEND =
      XAddParams.xAddParams().maxLen(MAX_LENGTH).approximateTrimming();

  private final Jedis jedis;

  private JedisChatStream(Jedis jedis) {
    this.jedis = jedis;
  }

  static Connector connector(RedisUrl url) {
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis((int) CONNECT_TIMEOUT.toMillis())
            .socketTimeoutMillis((int) COMMAND_TIMEOUT.toMillis())
            .blockingSocketTimeoutMillis((int) BLOCKED_READ_TIMEOUT.toMillis())
            // RESP2 and no CLIENT SETINFO: the plainest handshake, the same on Redis 6.2, 7 and
            // Valkey.
            .resp2()
            .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
            .database(url.database())
            .clientName("jakarta-async-chat-relay");
    if (url.password() != null) {
      config.user(url.user()).password(url.password());
    }
    DefaultJedisClientConfig built = config.build();
    return () -> {
      JedisChatStream stream =
          new JedisChatStream(new Jedis(new HostAndPort(url.host(), url.port()), built));
      try {
        stream.ping();
        return stream;
      } catch (RuntimeException unreachable) {
        stream.close();
        throw unreachable;
      }
    };
  }

  @Override
  public void ping() {
    jedis.ping();
  }

  @Override
  public String serverRun() {
    for (String line : jedis.info("server").split("\r?\n")) {
      if (line.startsWith(RUN_ID)) {
        return line.substring(RUN_ID.length()).trim();
      }
    }
    throw new IllegalStateException("INFO server has no " + RUN_ID);
  }

  /** One round trip for the whole batch (a pipeline); {@code get} throws if any append failed. */
  @Override
  public void append(List<RelayEntry> entries) {
    Pipeline pipeline = jedis.pipelined();
    List<Response<StreamEntryID>> replies = new ArrayList<>(entries.size());
    for (RelayEntry entry : entries) {
      replies.add(pipeline.xadd(KEY, APPEND, entry.fields()));
    }
    pipeline.sync();
    for (Response<StreamEntryID> reply : replies) {
      reply.get();
    }
  }

  /**
   * {@code XREVRANGE key + - COUNT 1}. Why not {@code XREAD … $}: {@code $} means "the newest entry
   * when this command arrives", anew at every call, so an entry appended between two reads that
   * both used it would be missed. The reader fixes its start once, with this, and then always reads
   * after an id.
   */
  @Override
  public String lastId() {
    List<StreamEntry> newest = jedis.xrevrange(KEY, "+", "-", 1);
    return newest.isEmpty() ? BEFORE_ALL : newest.get(0).getID().toString();
  }

  @Override
  public List<StreamRecord> readAfter(String afterId) {
    List<Map.Entry<String, List<StreamEntry>>> reply =
        jedis.xread(
            XReadParams.xReadParams().block((int) BLOCK.toMillis()).count(READ_COUNT),
            Map.of(KEY, new StreamEntryID(afterId)));
    if (reply == null) {
      return List.of();
    }
    List<StreamRecord> records = new ArrayList<>();
    for (Map.Entry<String, List<StreamEntry>> stream : reply) {
      for (StreamEntry entry : stream.getValue()) {
        records.add(new StreamRecord(entry.getID().toString(), entry.getFields()));
      }
    }
    return records;
  }

  @Override
  public void close() {
    try {
      jedis.close();
    } catch (RuntimeException alreadyBroken) {
      // Nothing to release on a connection that is already gone.
    }
  }
}
