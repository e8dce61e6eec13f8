package dev.jakartaasync.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;

/**
 * A burst of N simultaneous {@code GET} requests, each on its own fresh connection, from one thread
 * and one selector: the leanest client we could write, so that on a 2-core machine shared with the
 * server the wall time measures the server, not the load generator. (Gatling's virtual users cost
 * the client several times more CPU per request; {@code AsyncSleepBurstSimulation} is kept for its
 * HTML report.)
 *
 * <p>Each connection: connect, send one HTTP/1.1 request with {@code Connection: close}, read the
 * whole response, check the status line and that the body contains {@code --expect}. Wall = first
 * connect started → last response complete. A connection that is reset, refused or gives a wrong
 * answer counts as an error; nothing is retried.
 *
 * <pre>
 * java -cp ... dev.jakartaasync.bench.RawBurst --url http://localhost:8585/async-sleep \
 *     --connections 5000 --expect "Slept for 1 second!" --target-seconds 1.3 [--warmup 2000]
 * </pre>
 */
public final class RawBurst {

  private static final class Exchange {
    final ByteBuffer response = ByteBuffer.allocate(2048);
    long startedNanos;
    long doneNanos;
    boolean ok;
  }

  public static void main(String[] args) throws Exception {
    URI url = URI.create(arg(args, "--url", "http://localhost:8585/async-sleep"));
    int connections = Integer.parseInt(arg(args, "--connections", "1000"));
    String expect = arg(args, "--expect", "Slept for 1 second!");
    double target = Double.parseDouble(arg(args, "--target-seconds", "0"));
    int warmup = Integer.parseInt(arg(args, "--warmup", "0"));
    String label = arg(args, "--label", "burst");
    var address = new InetSocketAddress(url.getHost(), url.getPort());
    if (warmup > 0) {
      // Uncounted: the same kind of requests, 50 at a time, so the server's JIT is warm.
      URI warm = URI.create(arg(args, "--warmup-url", url.toString()));
      for (int done = 0; done < warmup; done += 50) {
        run(address, request(warm), 50, "");
      }
    }
    Exchange[] exchanges = new Exchange[connections];
    run(address, request(url), exchanges, expect);
    long start = Arrays.stream(exchanges).mapToLong(e -> e.startedNanos).min().orElse(0);
    long end = Arrays.stream(exchanges).mapToLong(e -> e.doneNanos).max().orElse(start);
    long ok = Arrays.stream(exchanges).filter(e -> e.ok).count();
    long[] latencies =
        Arrays.stream(exchanges)
            .filter(e -> e.ok)
            .mapToLong(e -> (e.doneNanos - e.startedNanos) / 1_000_000)
            .sorted()
            .toArray();
    double wall = (end - start) / 1e9;
    boolean met = ok == connections && (target <= 0 || wall <= target);
    System.out.printf(
        "%s connections=%d wall=%.3fs%s ok=%d errors=%d p50=%dms p99=%dms max=%dms%s%n",
        label,
        connections,
        wall,
        target > 0 ? String.format(" target<=%.1fs", target) : "",
        ok,
        connections - ok,
        percentile(latencies, 50),
        percentile(latencies, 99),
        latencies.length == 0 ? 0 : latencies[latencies.length - 1],
        target > 0 ? (met ? " -> met" : " -> MISSED") : "");
  }

  private static void run(InetSocketAddress address, byte[] request, int n, String expect)
      throws IOException {
    run(address, request, new Exchange[n], expect);
  }

  private static void run(
      InetSocketAddress address, byte[] request, Exchange[] exchanges, String expect)
      throws IOException {
    try (Selector selector = Selector.open()) {
      // Sockets are created before the burst starts: that is client bookkeeping, and done inside
      // the burst it would spread the connects over a few hundred milliseconds.
      SocketChannel[] channels = new SocketChannel[exchanges.length];
      for (int i = 0; i < channels.length; i++) {
        channels[i] = SocketChannel.open();
        channels[i].configureBlocking(false);
        channels[i].setOption(StandardSocketOptions.TCP_NODELAY, true);
      }
      for (int i = 0; i < exchanges.length; i++) {
        var exchange = new Exchange();
        exchanges[i] = exchange;
        SocketChannel channel = channels[i];
        exchange.startedNanos = System.nanoTime();
        if (channel.connect(address)) {
          channel.register(selector, SelectionKey.OP_WRITE, exchange);
        } else {
          channel.register(selector, SelectionKey.OP_CONNECT, exchange);
        }
      }
      int open = exchanges.length;
      while (open > 0) {
        selector.select(1000);
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (!step(key, request, expect)) {
            open--;
          }
        }
      }
    }
  }

  /** Advances one connection; false once it is finished (answered or failed). */
  private static boolean step(SelectionKey key, byte[] request, String expect) {
    var exchange = (Exchange) key.attachment();
    var channel = (SocketChannel) key.channel();
    try {
      if (key.isConnectable()) {
        channel.finishConnect();
        key.interestOps(SelectionKey.OP_WRITE);
      } else if (key.isWritable()) {
        // A 100-byte request always fits the empty send buffer of a fresh connection.
        channel.write(ByteBuffer.wrap(request));
        key.interestOps(SelectionKey.OP_READ);
      } else if (key.isReadable()) {
        if (channel.read(exchange.response) >= 0 && exchange.response.hasRemaining()) {
          return true;
        }
        // Connection: close, so the end of the stream is the end of the response.
        String text =
            new String(
                exchange.response.array(), 0, exchange.response.position(), StandardCharsets.UTF_8);
        exchange.ok = text.startsWith("HTTP/1.1 200") && text.contains(expect);
        return finish(key, exchange);
      }
      return true;
    } catch (IOException resetOrRefused) {
      return finish(key, exchange);
    }
  }

  private static boolean finish(SelectionKey key, Exchange exchange) {
    exchange.doneNanos = System.nanoTime();
    key.cancel();
    try {
      key.channel().close();
    } catch (IOException ignored) {
      // Already counted by ok.
    }
    return false;
  }

  private static byte[] request(URI url) {
    String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    return ("GET "
            + path
            + " HTTP/1.1\r\nHost: "
            + url.getHost()
            + ":"
            + url.getPort()
            + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
