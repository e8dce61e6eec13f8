package dev.jakartaasync.bench;

import dev.jakartaasync.chat.RawWebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Load client for chapter 5 ({@code /ws/chat}). Prints one summary line.
 *
 * <pre>
 * java -cp target/test-classes dev.jakartaasync.bench.ChatLoad \
 *     --base-url http://localhost:8080 --clients 1000 --messages 20
 * java -cp target/test-classes dev.jakartaasync.bench.ChatLoad \
 *     --base-url http://localhost:8080 --slow-consumer
 * java -cp target/test-classes dev.jakartaasync.bench.ChatLoad \
 *     --base-url http://localhost:8080,http://localhost:8081 --clients 1000 --messages 20 \
 *     --server-pid 1234,1235,1236
 * </pre>
 *
 * <p>Default mode: {@code --clients} connections (read by one thread with one selector, {@link
 * LeanChatClients}; {@code --client jdk} uses {@code java.net.http.WebSocket} instead, which costs
 * the shared cores several times more CPU per received line); one of them sends {@code --messages}
 * lines, {@code --interval-ms} apart, each carrying its sequence number and send time; every
 * connection (the sender too) should receive every line. Reports lines lost per receiver and the
 * delivery latency (send to receipt, same clock) p50/p99/max, each line's slowest delivery, and the
 * CPU time this client and (with {@code --server-pid PID}, Linux only) the server used while the
 * lines were sent and received: both share the same cores. With the pid it also reports the
 * server's CPU per delivered line and its RSS before connecting and once every member is in the
 * room ({@code rssPerMemberKb}: the difference per member). It runs unchanged against the peer, the
 * tutorial's FastAPI app, whose chat sends the same {@code "A user says: "} lines.
 *
 * <p>Several base URLs, comma-separated (instances of one cluster, relaying through Redis): the
 * clients are split evenly between them, the first client on each instance is a sender, and the
 * lines take turns between the senders. The summary adds the latency of the deliveries that crossed
 * instances (sender on one, receiver on the other) beside the local ones. {@code --server-pid} may
 * then list several processes (the instances, Redis): their CPU is summed, and listed per process.
 *
 * <p>{@code --slow-consumer}: the Python original's failure. 20 readers, one sender and one client
 * that completes the handshake and then never reads; the sender sends 1500 lines of 4 KB (never
 * more than 64 ahead of its own echo, like a person who sees what they typed). Reports the readers'
 * losses, whether the sender is still connected, and what became of the stalled one.
 */
public final class ChatLoad {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SAYS = "A user says: ";
  private static final String LEFT = "A user has left the chat.";

  /**
   * Per line (by sequence number), its slowest delivery: how long that line took to reach every
   * receiver. Shows whether a run's p99 is all lines a little slow or one line held up (a GC pause
   * of the server while that line fanned out).
   */
  private static final ConcurrentMap<Integer, LongAccumulator> SLOWEST_PER_LINE =
      new ConcurrentHashMap<>();

  /** The same for the warm-up lines (not reported: they only warm this client up). */
  private static final ConcurrentMap<Integer, LongAccumulator> SLOWEST_PER_WARM_UP_LINE =
      new ConcurrentHashMap<>();

  /** Warm-up lines at least, so that both ends have run the line path a few thousand times. */
  private static final int MIN_WARM_UP_LINES = 5;

  /**
   * How many instances the clients are spread over; line {@code seq} is said on instance {@code seq
   * % INSTANCES} (the senders take turns), so a receiver knows whether a line crossed instances.
   */
  private static volatile int instances = 1;

  public static void main(String[] args) throws Exception {
    List<String> argv = Arrays.asList(args);
    String base = option(argv, "--base-url", "http://localhost:8080");
    List<URI> uris =
        Arrays.stream(base.split(","))
            .map(
                url ->
                    URI.create(url.replaceFirst("^http", "ws").replaceAll("/$", "") + "/ws/chat"))
            .toList();
    if (argv.contains("--slow-consumer")) {
      slowConsumer(uris.get(0));
    } else {
      load(
          uris,
          Integer.parseInt(option(argv, "--clients", "1000")),
          Integer.parseInt(option(argv, "--messages", "20")),
          Integer.parseInt(option(argv, "--interval-ms", "100")),
          option(argv, "--server-pid", null),
          !"jdk".equals(option(argv, "--client", "lean")));
    }
    System.exit(0);
  }

  private static void load(
      List<URI> uris, int clients, int messages, int intervalMs, String serverPid, boolean lean)
      throws Exception {
    instances = uris.size();
    long rssBeforeKb = processRssKb(serverPid);
    long connectStart = System.nanoTime();
    LeanChatClients leanClients = lean ? new LeanChatClients() : null;
    List<Receiver> receivers = new ArrayList<>();
    List<Receiver> senders = new ArrayList<>();
    for (int instance = 0; instance < instances; instance++) {
      int share = clients / instances + (instance < clients % instances ? 1 : 0);
      URI uri = uris.get(instance);
      List<Receiver> here = lean ? connectAllLean(leanClients, uri, share) : connectAll(uri, share);
      for (Receiver receiver : here) {
        receiver.instance = instance;
      }
      senders.add(here.get(0));
      receivers.addAll(here);
    }
    double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
    warmUp(senders, receivers);
    // Everybody in the room and the warm-up lines delivered: what the members hold, per member.
    long rssConnectedKb = processRssKb(serverPid);

    long clientCpuStart = ownCpuNanos();
    List<long[]> serverCpuStart = processesCpuNanos(serverPid);
    for (int seq = 0; seq < messages; seq++) {
      senders.get(seq % instances).send("bench " + seq + " " + System.nanoTime());
      Thread.sleep(intervalMs);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline
        && receivers.stream().anyMatch(r -> r.benchSeen.get() < messages)) {
      Thread.sleep(50);
    }

    double clientCpuMs = (ownCpuNanos() - clientCpuStart) / 1e6;
    List<long[]> serverCpuEnd = processesCpuNanos(serverPid);
    double serverUserMs = 0;
    double serverSysMs = 0;
    StringBuilder perProcess = new StringBuilder();
    for (int i = 0; i < serverCpuEnd.size(); i++) {
      double user = (serverCpuEnd.get(i)[0] - serverCpuStart.get(i)[0]) / 1e6;
      double sys = (serverCpuEnd.get(i)[1] - serverCpuStart.get(i)[1]) / 1e6;
      serverUserMs += user;
      serverSysMs += sys;
      perProcess
          .append(i == 0 ? "" : ",")
          .append(serverPid.split(",")[i].trim())
          .append(':')
          .append(Math.round(user + sys))
          .append("ms");
    }
    long delivered = receivers.stream().mapToLong(r -> r.benchSeen.get()).sum();
    long expected = (long) clients * messages;
    long[] latencies =
        receivers.stream()
            .flatMap(r -> r.latenciesNanos.stream())
            .mapToLong(Long::longValue)
            .sorted()
            .toArray();
    long lossyReceivers = receivers.stream().filter(r -> r.benchSeen.get() < messages).count();
    System.out.printf(
        Locale.ROOT,
        "chat-load clients=%d messages=%d delivered=%d/%d lost=%d receiversWithLoss=%d"
            + " latency p50=%.1fms p99=%.1fms max=%.1fms connect=%.1fs"
            + " cpuDuringLines client=%.0fms server=%s (%s client) slowestPerLineMs=%s"
            + " serverCpuPerLineUs=%s serverRssKb=%s rssPerMemberKb=%s%n",
        clients,
        messages,
        delivered,
        expected,
        expected - delivered,
        lossyReceivers,
        percentileMs(latencies, 0.50),
        percentileMs(latencies, 0.99),
        percentileMs(latencies, 1.0),
        connectSeconds,
        clientCpuMs,
        serverPid == null
            ? "n/a"
            : String.format(
                Locale.ROOT,
                "%.0fms(user=%.0f,sys=%.0f)",
                serverUserMs + serverSysMs,
                serverUserMs,
                serverSysMs),
        lean ? "lean NIO" : "java.net.http",
        slowestPerLine(messages),
        serverPid == null || delivered == 0
            ? "n/a"
            : String.format(Locale.ROOT, "%.1f", 1000 * (serverUserMs + serverSysMs) / delivered),
        rssBeforeKb < 0 ? "n/a" : rssBeforeKb + "->" + rssConnectedKb,
        rssBeforeKb < 0
            ? "n/a"
            : String.format(
                Locale.ROOT, "%.1f", (rssConnectedKb - rssBeforeKb) / (double) clients));
    if (instances > 1) {
      System.out.printf(
          Locale.ROOT,
          "chat-cluster instances=%d lost=%d crossInstanceP50=%.1fms crossInstanceP99=%.1fms"
              + " crossInstanceMax=%.1fms localP50=%.1fms localP99=%.1fms outOfOrder=%d"
              + " serverCpuPerLine=%.1fms"
              + " perProcess=[%s]%n",
          instances,
          expected - delivered,
          percentileMs(latencies(receivers, true), 0.50),
          percentileMs(latencies(receivers, true), 0.99),
          percentileMs(latencies(receivers, true), 1.0),
          percentileMs(latencies(receivers, false), 0.50),
          percentileMs(latencies(receivers, false), 0.99),
          receivers.stream().mapToLong(r -> r.outOfOrder.get()).sum(),
          (serverUserMs + serverSysMs) / messages,
          perProcess);
    }
    receivers.forEach(Receiver::close);
    if (leanClients != null) {
      leanClients.close();
    }
  }

  /** The receivers' latencies of the lines that crossed instances, or of the local ones, sorted. */
  private static long[] latencies(List<Receiver> receivers, boolean crossed) {
    return receivers.stream()
        .flatMap(r -> (crossed ? r.crossLatenciesNanos : r.localLatenciesNanos).stream())
        .mapToLong(Long::longValue)
        .sorted()
        .toArray();
  }

  /** The slowest delivery of each line in send order, in whole ms: {@code [14,15,48,13,...]}. */
  private static String slowestPerLine(int messages) {
    StringBuilder out = new StringBuilder("[");
    for (int seq = 0; seq < messages; seq++) {
      LongAccumulator slowest = SLOWEST_PER_LINE.get(seq);
      out.append(seq == 0 ? "" : ",")
          .append(slowest == null ? "-" : String.valueOf(slowest.get() / 1_000_000));
    }
    return out.append(']').toString();
  }

  private static void slowConsumer(URI uri) throws Exception {
    int messages = 1500;
    List<Receiver> readers = connectAll(uri, 20);
    Receiver sender = connectAll(uri, 1).get(0);
    List<Receiver> everyone = new ArrayList<>(readers);
    everyone.add(sender);
    try (RawWebSocket stalled = RawWebSocket.connect(uri, 8192)) {
      stalled.sendText("stalled joined");
      stalled.readUntilText(SAYS + "stalled joined");
      warmUp(List.of(sender), everyone);

      long start = System.nanoTime();
      String padding = "p".repeat(4000);
      for (int seq = 0; seq < messages; seq++) {
        sender.send("bench " + seq + " " + System.nanoTime() + " " + padding);
        while (seq - sender.benchSeen.get() >= 64 && sender.isOpen()) {
          Thread.sleep(1);
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline
          && readers.stream().anyMatch(r -> r.benchSeen.get() < messages)) {
        Thread.sleep(50);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long lost = readers.stream().mapToLong(r -> messages - r.benchSeen.get()).sum();
      long outOfOrder = readers.stream().mapToLong(r -> r.outOfOrder.get()).sum();
      long toldLeft = readers.stream().filter(r -> r.lefts.get() > 0).count();
      RawWebSocket.CloseSeen seen = stalled.readUntilClose();
      System.out.printf(
          Locale.ROOT,
          "chat-slow-consumer readers=20 messages=%dx4KB readersLost=%d outOfOrder=%d"
              + " senderConnected=%s readersToldStalledLeft=%d/20 stalledGot=%d/%d"
              + " stalledClose=%s elapsed=%.1fs%n",
          messages,
          lost,
          outOfOrder,
          sender.isOpen(),
          toldLeft,
          seen.textFrames(),
          messages,
          seen.closeCode() == RawWebSocket.NO_CLOSE_FRAME
              ? "no close frame, TCP closed (browser: 1006)"
              : String.valueOf(seen.closeCode()),
          seconds);
    }
    everyone.forEach(Receiver::close);
  }

  /** Connects on four threads, each handshake blocking; fails loudly if any fails. */
  private static List<Receiver> connectAllLean(LeanChatClients lean, URI uri, int count)
      throws Exception {
    List<Receiver> receivers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      receivers.add(new Receiver());
    }
    var connecting = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (Receiver receiver : receivers) {
        done.add(
            connecting.submit(
                () -> {
                  receiver.lean =
                      lean.connect(uri, receiver::received, () -> receiver.closed = true);
                  return null;
                }));
      }
      for (var d : done) {
        d.get(60, TimeUnit.SECONDS);
      }
    } finally {
      connecting.shutdownNow();
    }
    return receivers;
  }

  /** Connects with at most 64 handshakes in flight; fails loudly if any fails. */
  private static List<Receiver> connectAll(URI uri, int count) throws Exception {
    Semaphore inFlight = new Semaphore(64);
    List<CompletableFuture<Receiver>> pending = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      inFlight.acquire();
      Receiver receiver = new Receiver();
      pending.add(
          HTTP.newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(30))
              .buildAsync(uri, receiver)
              .whenComplete((ws, error) -> inFlight.release())
              .thenApply(
                  ws -> {
                    receiver.socket = ws;
                    return receiver;
                  }));
    }
    List<Receiver> receivers = new ArrayList<>();
    for (CompletableFuture<Receiver> p : pending) {
      receivers.add(p.get(60, TimeUnit.SECONDS));
    }
    return receivers;
  }

  /**
   * A connection is counted in the room only once the server ran its open callback, a moment after
   * the handshake: send warm-up lines, one at a time, until everybody has received one, and wait
   * until the last one has reached everybody, so that no warm-up is still queued when the measured
   * lines start. Several senders (one per instance) take turns, so that every path is warm.
   */
  private static void warmUp(List<Receiver> senders, List<Receiver> everyone) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int round = 0;
    do {
      if (System.nanoTime() > deadline) {
        long missing = everyone.stream().filter(r -> r.warmUps.get() == 0).count();
        throw new IllegalStateException(
            missing + " of " + everyone.size() + " clients never joined the room");
      }
      round++;
      senders.get(round % senders.size()).send("warmup " + round + " " + System.nanoTime());
      int sent = round;
      long roundEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (System.nanoTime() < roundEnd && everyone.stream().anyMatch(r -> r.lastWarmUp < sent)) {
        Thread.sleep(20);
      }
    } while (round < MIN_WARM_UP_LINES * senders.size()
        || everyone.stream().anyMatch(r -> r.warmUps.get() == 0));
    int last = round;
    while (everyone.stream().anyMatch(r -> r.lastWarmUp < last)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("warm-up lines still in flight");
      }
      Thread.sleep(20);
    }
  }

  /** CPU time this client used (all its threads): its own share of the 2 cores. */
  private static long ownCpuNanos() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean cpu ? cpu.getProcessCpuTime() : 0;
  }

  /** {@link #processCpuNanos} of each process in a comma-separated list; none for null. */
  private static List<long[]> processesCpuNanos(String pids) {
    if (pids == null) {
      return List.of();
    }
    return Arrays.stream(pids.split(",")).map(pid -> processCpuNanos(pid.trim())).toList();
  }

  /**
   * CPU time of another process on this machine (Linux /proc), e.g. the server: {user, system}
   * nanoseconds; zeros if unknown.
   */
  private static long[] processCpuNanos(String pid) {
    if (pid == null) {
      return new long[2];
    }
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long tick = 10_000_000L; // USER_HZ = 100 on Linux
      return new long[] {Long.parseLong(fields[11]) * tick, Long.parseLong(fields[12]) * tick};
    } catch (java.io.IOException | RuntimeException unknown) {
      return new long[2];
    }
  }

  /** Resident set size of another process on this machine (Linux /proc), in KB; -1 if unknown. */
  private static long processRssKb(String pid) {
    if (pid == null) {
      return -1;
    }
    try {
      for (String line :
          java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", pid, "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (java.io.IOException | RuntimeException unknown) {
      // unknown
    }
    return -1;
  }

  private static double percentileMs(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  private static String option(List<String> argv, String name, String fallback) {
    int at = argv.indexOf(name);
    return at >= 0 && at + 1 < argv.size() ? argv.get(at + 1) : fallback;
  }

  /** One connection: counts the bench lines it receives and how long each took to arrive. */
  static final class Receiver implements WebSocket.Listener {
    final AtomicInteger benchSeen = new AtomicInteger();
    final AtomicInteger warmUps = new AtomicInteger();
    volatile int lastWarmUp;
    final AtomicInteger lefts = new AtomicInteger();
    final AtomicInteger outOfOrder = new AtomicInteger();
    final ConcurrentLinkedQueue<Long> latenciesNanos = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> crossLatenciesNanos = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> localLatenciesNanos = new ConcurrentLinkedQueue<>();

    /** Which of the instances (base URLs) this connection is on. */
    volatile int instance;

    final ConcurrentLinkedQueue<Long> warmUpLatenciesNanos = new ConcurrentLinkedQueue<>();
    final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean closed;

    /** Per sender (its instance), the number of its next line; read on one thread only. */
    private final java.util.Map<Integer, Integer> nextSeqFrom = new java.util.HashMap<>();

    volatile WebSocket socket;
    volatile LeanChatClients.Connection lean;

    void send(String text) throws Exception {
      if (lean != null) {
        lean.sendText(text);
      } else {
        socket.sendText(text, true).get(30, TimeUnit.SECONDS);
      }
    }

    boolean isOpen() {
      return lean != null ? !closed && lean.isOpen() : !closed && !socket.isInputClosed();
    }

    void close() {
      if (lean != null) {
        lean.close();
      } else {
        socket.abort();
      }
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received(partial.toString(), System.nanoTime());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    /**
     * Warm-up lines ({@code warmup <round> <sent>}) take the same path as counted ones ({@code
     * bench <seq> <sent>}), into their own records: so this client's receive path is compiled
     * before the first counted line, which would otherwise measure this JVM's interpreter.
     */
    void received(String line, long now) {
      boolean counted = line.startsWith(SAYS + "bench ");
      if (counted || line.startsWith(SAYS + "warmup ")) {
        String[] parts = line.substring(SAYS.length()).split(" ", 4);
        int seq = Integer.parseInt(parts[1]);
        long latency = now - Long.parseLong(parts[2]);
        if (counted) {
          // The senders take turns: sender k says lines k, k + instances, k + 2 * instances...
          int from = seq % instances;
          if (seq != nextSeqFrom.getOrDefault(from, from)) {
            outOfOrder.incrementAndGet();
          }
          nextSeqFrom.put(from, seq + instances);
          record(SLOWEST_PER_LINE, latenciesNanos, seq, latency);
          (seq % instances == instance ? localLatenciesNanos : crossLatenciesNanos).add(latency);
          benchSeen.incrementAndGet();
        } else {
          record(SLOWEST_PER_WARM_UP_LINE, warmUpLatenciesNanos, seq, latency);
          lastWarmUp = seq;
          warmUps.incrementAndGet();
        }
      } else if (line.equals(LEFT)) {
        lefts.incrementAndGet();
      }
    }

    private static void record(
        ConcurrentMap<Integer, LongAccumulator> slowest, Queue<Long> all, int seq, long latency) {
      all.add(latency);
      slowest.computeIfAbsent(seq, unused -> new LongAccumulator(Math::max, 0)).accumulate(latency);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed = true;
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed = true;
      errors.add(error);
    }
  }
}
