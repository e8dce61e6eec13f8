package dev.jakartaasync.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load client for chapter 4: opens N concurrent {@code GET /stream-time} subscriptions, keeps them
 * for a measured window, checks that every subscriber received every tick of the window, measures
 * the gap between consecutive ticks per subscriber, then drops them all and checks that the
 * server's subscriber count and open file descriptors return to their baseline.
 *
 * <p>Why raw NIO and one thread: 10 000 client connections share 2 cores with the server under
 * test. One selector thread reads every connection, decodes the chunked transfer coding and the SSE
 * lines, and stamps each event's arrival; it costs a few MB, and the timestamps are not skewed by a
 * client thread pool.
 *
 * <p>The same client measures the peer (the tutorial's FastAPI app): its events carry no {@code
 * id:} and it has no {@code /stream-time/status}. Without ids, an event is in the window by its
 * arrival and a subscriber missed ticks if a gap between its events reached 1.5 s or it got fewer
 * than seconds - 1 events in the window; without the status endpoint the subscriber counts read -1.
 * The server CPU per delivered event divides the window's CPU by the events delivered in it.
 *
 * <pre>
 * java -cp target/test-classes dev.jakartaasync.bench.SseSubscribersLoad \
 *   --base-url http://localhost:8282/ --subscribers 10000 --seconds 10 --server-pid PID
 * </pre>
 */
public final class SseSubscribersLoad {

  private static final Pattern SUBSCRIBERS = Pattern.compile("\"subscribers\"\\s*:\\s*(\\d+)");

  private final URI base;
  private final int subscribers;
  private final int seconds;
  private final long serverPid;
  private final int connectBatch;
  private final int connectSeconds;

  private final AtomicInteger firstEvents = new AtomicInteger();
  private final AtomicInteger errors = new AtomicInteger();
  private final List<String> errorSamples = new ArrayList<>();
  private volatile boolean stop;
  private final List<Connection> connections = new ArrayList<>();

  /** Epoch seconds since which tick ids are recorded (bit index = id - origin). */
  private final long origin = System.currentTimeMillis() / 1000;

  private long[] gapsNanos = new long[1 << 16];
  private int gapCount;
  private volatile long windowFirst = Long.MAX_VALUE;
  private volatile long windowLast = Long.MAX_VALUE;

  /**
   * The measured window on this JVM's nanosecond clock, for streams whose events carry no {@code
   * id:} (the tutorial's FastAPI app sends only {@code data: {"time": "HH:MM:SS"}}, one event a
   * second from each subscriber's own generator, so its ticks are not aligned to wall-clock
   * seconds): an event belongs to the window by its arrival.
   */
  private volatile long windowStartNanos = Long.MAX_VALUE;

  private volatile long windowEndNanos = Long.MAX_VALUE;

  private SseSubscribersLoad(
      URI base,
      int subscribers,
      int seconds,
      long serverPid,
      int connectBatch,
      int connectSeconds) {
    this.base = base;
    this.subscribers = subscribers;
    this.seconds = seconds;
    this.serverPid = serverPid;
    this.connectBatch = connectBatch;
    this.connectSeconds = connectSeconds;
  }

  public static void main(String[] args) throws Exception {
    String baseUrl = "http://localhost:8080/";
    int subscribers = 1000;
    int seconds = 10;
    long pid = -1;
    int connectBatch = 500;
    int connectSeconds = 300;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--base-url" -> baseUrl = args[++i];
        case "--subscribers" -> subscribers = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--server-pid" -> pid = Long.parseLong(args[++i]);
        case "--connect-batch" -> connectBatch = Integer.parseInt(args[++i]);
        case "--connect-seconds" -> connectSeconds = Integer.parseInt(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; use --base-url URL --subscribers N --seconds S [--server-pid PID]"
                    + " [--connect-batch N] [--connect-seconds S]");
      }
    }
    if (!baseUrl.endsWith("/")) {
      baseUrl += "/";
    }
    new SseSubscribersLoad(
            URI.create(baseUrl), subscribers, seconds, pid, connectBatch, connectSeconds)
        .run();
  }

  private void run() throws Exception {
    int baselineSubscribers = serverSubscribers();
    ServerSample before = ServerSample.of(serverPid);
    System.out.printf("before: server subscribers=%d %s%n", baselineSubscribers, before.describe());

    long start = System.nanoTime();
    Thread reader = new Thread(this::readLoop, "sse-load-selector");
    reader.start();

    // Connected = received its first event.
    long connectDeadline = System.nanoTime() + connectSeconds * 1_000_000_000L;
    while (firstEvents.get() + errors.get() < subscribers && System.nanoTime() < connectDeadline) {
      Thread.sleep(50);
    }
    double connectTook = (System.nanoTime() - start) / 1e9;
    int connected = firstEvents.get();
    System.out.printf("connected: %d of %d in %.1f s%n", connected, subscribers, connectTook);

    // The measured window: whole seconds that start after everybody is connected.
    long first = System.currentTimeMillis() / 1000 + 1;
    windowStartNanos = nanosAtEpochMillis(first * 1000);
    windowEndNanos = nanosAtEpochMillis((first + seconds) * 1000);
    windowFirst = first;
    windowLast = first + seconds - 1;
    ServerSample connectedSample = ServerSample.of(serverPid);
    sleepUntilEpochMillis(first * 1000);
    ServerSample windowStart = ServerSample.of(serverPid);
    sleepUntilEpochMillis((first + seconds / 2) * 1000 + 500);
    ServerSample during = ServerSample.of(serverPid);
    int subscribersDuring = serverSubscribers();
    // A tick is late past 1.1 s; wait for the window's last tick plus that grace.
    sleepUntilEpochMillis(windowLast * 1000 + 1000);
    ServerSample windowEnd = ServerSample.of(serverPid);
    sleepUntilEpochMillis(windowLast * 1000 + 1500);

    stop = true;
    reader.join();
    long dropped = System.nanoTime();

    // Back to baseline: the server notices a dropped client only when a later send fails.
    int subscribersAfter = serverSubscribers();
    long settleDeadline = System.nanoTime() + 30_000_000_000L;
    while (baselineSubscribers >= 0
        && subscribersAfter != baselineSubscribers
        && System.nanoTime() < settleDeadline) {
      Thread.sleep(200);
      subscribersAfter = serverSubscribers();
    }
    double settleSeconds = (System.nanoTime() - dropped) / 1e9;
    ServerSample after = ServerSample.of(serverPid);
    long fdDeadline = System.nanoTime() + 10_000_000_000L;
    while (before.fds >= 0 && after.fds > before.fds + 10 && System.nanoTime() < fdDeadline) {
      Thread.sleep(200);
      after = ServerSample.of(serverPid);
    }

    int starved = 0;
    long missedTicks = 0;
    long delivered = 0;
    for (Connection c : connections) {
      delivered += c.windowEvents;
      long missing = 0;
      if (c.withIds) {
        for (long id = windowFirst; id <= windowLast; id++) {
          if (!c.received.get((int) (id - origin))) {
            missing++;
          }
        }
      } else {
        // No ids: a gap of n seconds is n - 1 missed ticks; fewer than seconds - 1 events in the
        // window (a stream that stalled near its end) counts the shortfall.
        missing = Math.max(c.missedByGaps, (seconds - 1L) - c.windowEvents);
      }
      if (missing > 0 && c.firstEventNanos > 0) {
        starved++;
        missedTicks += missing;
      }
    }
    long[] gaps = Arrays.copyOf(gapsNanos, gapCount);
    Arrays.sort(gaps);

    System.out.printf(
        "during (mid-window): server subscribers=%d %s%n", subscribersDuring, during.describe());
    System.out.printf(
        "after: server subscribers=%d (baseline %d) after %.1f s, %s%n",
        subscribersAfter, baselineSubscribers, settleSeconds, after.describe());
    double windowCpu = windowEnd.cpuSeconds - windowStart.cpuSeconds;
    System.out.printf(
        "server CPU: connecting %.1f s for %d streams (%.2f ms each); steady %.2f s per s"
            + " (%.0f us per send)%n",
        connectedSample.cpuSeconds - before.cpuSeconds,
        connected,
        1000 * (connectedSample.cpuSeconds - before.cpuSeconds) / Math.max(1, connected),
        windowCpu / seconds,
        1e6 * windowCpu / Math.max(1, (long) seconds * connected));
    System.out.printf(
        "delivered in the window: %d events (%d expected), server CPU %.0f us per delivered"
            + " event%n",
        delivered, (long) seconds * connected, 1e6 * windowCpu / Math.max(1, delivered));
    if (!errorSamples.isEmpty()) {
      System.out.println("error samples: " + errorSamples);
    }
    String perSubscriber =
        before.rssKb >= 0 && connected > 0
            ? String.format("%.1f KB", (during.rssKb - before.rssKb) / (double) connected)
            : "n/a";
    System.out.printf(
        "SUMMARY sse-subscribers=%d connected=%d window=%ds every-tick-to-every-subscriber=%s"
            + " starved=%d missed-ticks=%d gap-p50=%.0fms gap-p99=%.0fms gap-max=%.0fms"
            + " gaps=%d errors=%d rss-MB=%s/%s/%s rss-per-subscriber=%s threads=%s/%s/%s"
            + " fds=%s/%s/%s subscribers-after=%d(baseline %d, %.1fs) delivered=%d"
            + " cpu-per-event-us=%.0f%n",
        subscribers,
        connected,
        seconds,
        starved == 0 && connected == subscribers ? "yes" : "no",
        starved,
        missedTicks,
        percentileMs(gaps, 0.50),
        percentileMs(gaps, 0.99),
        percentileMs(gaps, 1.0),
        gaps.length,
        errors.get(),
        before.rssMb(),
        during.rssMb(),
        after.rssMb(),
        perSubscriber,
        before.threadsText(),
        during.threadsText(),
        after.threadsText(),
        before.fdsText(),
        during.fdsText(),
        after.fdsText(),
        subscribersAfter,
        baselineSubscribers,
        settleSeconds,
        delivered,
        1e6 * windowCpu / Math.max(1, delivered));
  }

  /** The {@link System#nanoTime()} reading that corresponds to an epoch instant. */
  private static long nanosAtEpochMillis(long epochMillis) {
    return System.nanoTime() + (epochMillis - System.currentTimeMillis()) * 1_000_000L;
  }

  private static double percentileMs(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static void sleepUntilEpochMillis(long epochMillis) throws InterruptedException {
    long wait = epochMillis - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }

  /** The server's own subscriber count, or -1 if it has no status endpoint (the peer has none). */
  private int serverSubscribers() throws IOException, InterruptedException {
    // HTTP/1.1: uvicorn answers the default h2c upgrade offer with a 400.
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(base.resolve("stream-time/status")).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 404) {
      return -1;
    }
    Matcher m = SUBSCRIBERS.matcher(response.body());
    if (response.statusCode() != 200 || !m.find()) {
      throw new IOException("status: " + response.statusCode() + " " + response.body());
    }
    return Integer.parseInt(m.group(1));
  }

  // ---- the selector thread: connects, reads, decodes, stamps -------------------------------

  private void readLoop() {
    InetSocketAddress address = new InetSocketAddress(base.getHost(), port(base));
    byte[] request =
        ("GET "
                + base.getPath()
                + "stream-time HTTP/1.1\r\nHost: "
                + base.getHost()
                + "\r\nAccept: text/event-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    try (Selector selector = Selector.open()) {
      int opened = 0;
      while (!stop) {
        // Open connections in waves: a burst of 10 000 SYNs would overflow the accept backlog.
        int waiting = opened - firstEvents.get() - errors.get();
        while (opened < subscribers && waiting < connectBatch) {
          open(selector, address, request);
          opened++;
          waiting++;
        }
        selector.select(100);
        var keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          Connection c = (Connection) key.attachment();
          try {
            if (key.isConnectable()) {
              c.channel.finishConnect();
              c.channel.write(ByteBuffer.wrap(request));
              key.interestOps(SelectionKey.OP_READ);
            } else if (key.isReadable()) {
              buffer.clear();
              int n = c.channel.read(buffer);
              if (n < 0) {
                fail(c, key, "stream ended by the server");
                continue;
              }
              long now = System.nanoTime();
              buffer.flip();
              while (buffer.hasRemaining()) {
                c.accept(buffer.get(), now);
              }
            }
          } catch (IOException | RuntimeException e) {
            fail(c, key, e.toString());
          }
        }
      }
      for (SelectionKey key : selector.keys()) {
        key.channel().close();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void open(Selector selector, InetSocketAddress address, byte[] request) {
    try {
      SocketChannel channel = SocketChannel.open();
      channel.configureBlocking(false);
      Connection c = new Connection(channel);
      connections.add(c);
      if (channel.connect(address)) {
        channel.write(ByteBuffer.wrap(request));
        channel.register(selector, SelectionKey.OP_READ, c);
      } else {
        channel.register(selector, SelectionKey.OP_CONNECT, c);
      }
    } catch (IOException e) {
      recordError("connect: " + e);
    }
  }

  private void fail(Connection c, SelectionKey key, String why) {
    if (!c.failed) {
      c.failed = true;
      recordError(why);
    }
    key.cancel();
    try {
      c.channel.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private void recordError(String why) {
    errors.incrementAndGet();
    synchronized (errorSamples) {
      if (errorSamples.size() < 5) {
        errorSamples.add(why);
      }
    }
  }

  private static int port(URI uri) {
    return uri.getPort() > 0 ? uri.getPort() : 80;
  }

  /** Only the selector thread touches a connection until the loop has ended. */
  private final class Connection {
    final SocketChannel channel;
    final BitSet received = new BitSet(64);
    final ByteArrayOutputStream line = new ByteArrayOutputStream(96);
    boolean headersDone;
    boolean failed;
    // chunked transfer coding: a hex size line, then that many bytes, then CRLF
    final StringBuilder chunkSize = new StringBuilder(8);
    long chunkLeft;
    int crlfLeft;
    long lastId = -1;
    long lastArrivalNanos;
    long firstEventNanos;
    boolean withIds;
    long windowEvents;
    long missedByGaps;

    Connection(SocketChannel channel) {
      this.channel = channel;
    }

    void accept(byte b, long now) {
      if (!headersDone) {
        if (lineDone(b)) {
          String text = takeLine();
          if (text.startsWith("HTTP/") && !text.startsWith(" 200", 8)) {
            throw new IllegalStateException("answered " + text);
          }
          if (text.isEmpty()) {
            headersDone = true;
          }
        }
      } else if (chunkLeft > 0) {
        // SSE bytes; a line may span chunks, so the line buffer survives chunk boundaries
        chunkLeft--;
        if (chunkLeft == 0) {
          crlfLeft = 2;
        }
        if (lineDone(b)) {
          sseLine(takeLine(), now);
        }
      } else if (crlfLeft > 0) {
        crlfLeft--;
      } else if (b == '\n') {
        String text = chunkSize.toString().strip();
        chunkSize.setLength(0);
        int semicolon = text.indexOf(';');
        chunkLeft = Long.parseLong(semicolon < 0 ? text : text.substring(0, semicolon), 16);
        if (chunkLeft == 0) {
          throw new IllegalStateException("stream ended by the server");
        }
      } else {
        chunkSize.append((char) b);
      }
    }

    private boolean lineDone(byte b) {
      if (b == '\n') {
        return true;
      }
      if (b != '\r') {
        line.write(b);
      }
      return false;
    }

    private String takeLine() {
      String text = line.toString(StandardCharsets.UTF_8);
      line.reset();
      return text;
    }

    private void sseLine(String text, long now) {
      if (text.startsWith("id: ")) {
        lastId = Long.parseLong(text.substring(4));
        withIds = true;
      } else if (text.startsWith("data: ") && !withIds) {
        noIdEvent(now);
      } else if (text.startsWith("data: ")) {
        if (lastId < origin) {
          throw new IllegalStateException("event without a fresh id: " + text);
        }
        received.set((int) (lastId - origin));
        if (firstEventNanos == 0) {
          firstEventNanos = now;
          firstEvents.incrementAndGet();
        } else if (lastId > windowFirst && lastId <= windowLast) {
          recordGap(now - lastArrivalNanos);
        }
        if (lastId >= windowFirst && lastId <= windowLast) {
          windowEvents++;
        }
        lastArrivalNanos = now;
      }
    }

    /** An event without an id: in the window by its arrival, ticks missed judged by the gaps. */
    private void noIdEvent(long now) {
      if (firstEventNanos == 0) {
        firstEventNanos = now;
        firstEvents.incrementAndGet();
      } else if (now >= windowStartNanos && now < windowEndNanos) {
        long gap = now - lastArrivalNanos;
        recordGap(gap);
        windowEvents++;
        missedByGaps += Math.max(0, Math.round(gap / 1e9) - 1);
      }
      lastArrivalNanos = now;
    }
  }

  private void recordGap(long nanos) {
    if (gapCount == gapsNanos.length) {
      gapsNanos = Arrays.copyOf(gapsNanos, gapCount * 2);
    }
    gapsNanos[gapCount++] = nanos;
  }

  /** RSS, threads and open file descriptors of the server process, from /proc (Linux). */
  private record ServerSample(long rssKb, int threads, int fds, double cpuSeconds) {

    static ServerSample of(long pid) {
      if (pid < 0) {
        return new ServerSample(-1, -1, -1, Double.NaN);
      }
      try {
        // utime and stime, fields 14 and 15 of /proc/PID/stat, in clock ticks (100 a second)
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        long rss = -1;
        int threads = -1;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
          if (line.startsWith("VmRSS:")) {
            rss = Long.parseLong(line.replaceAll("\\D", ""));
          } else if (line.startsWith("Threads:")) {
            threads = Integer.parseInt(line.replaceAll("\\D", ""));
          }
        }
        int fds;
        try (var list = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
          fds = (int) list.count();
        }
        return new ServerSample(rss, threads, fds, cpu);
      } catch (IOException e) {
        return new ServerSample(-1, -1, -1, Double.NaN);
      }
    }

    String rssMb() {
      return rssKb < 0 ? "n/a" : Long.toString(rssKb / 1024);
    }

    String threadsText() {
      return threads < 0 ? "n/a" : Integer.toString(threads);
    }

    String fdsText() {
      return fds < 0 ? "n/a" : Integer.toString(fds);
    }

    String describe() {
      return "rss=" + rssMb() + " MB threads=" + threadsText() + " fds=" + fdsText();
    }
  }
}
