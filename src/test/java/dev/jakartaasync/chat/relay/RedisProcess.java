package dev.jakartaasync.chat.relay;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code redis-server} for the cluster tests, owned by the test: started on a fixed port
 * with no persistence, so that a restart comes back empty, and killed, paused or resumed with
 * signals as a crash, a stopped VM or a hung network would.
 *
 * <p>Which binary: the system property {@code redis.server} if set; else a {@code redis-server} on
 * the PATH if it is 6.2 or newer (the relay needs {@code XADD MAXLEN ~} and {@code XREAD BLOCK});
 * else the one the build unpacked from {@code com.github.codemonstur:embedded-redis} (system
 * property {@code embedded.redis.server}, set by failsafe).
 */
public final class RedisProcess implements AutoCloseable {

  private static final Duration READY_WITHIN = Duration.ofSeconds(20);

  private final Path binary;
  private final int port;
  private final Path log;
  private Process process;

  private RedisProcess(Path binary, int port, Path log) {
    this.binary = binary;
    this.port = port;
    this.log = log;
  }

  /** Starts redis-server on {@code port} and returns once it answers PING. */
  public static RedisProcess start(int port, Path workDir) throws IOException {
    Files.createDirectories(workDir);
    RedisProcess redis =
        new RedisProcess(binary(), port, workDir.resolve("redis-" + port + ".log"));
    redis.launch();
    return redis;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  /** A crash: SIGKILL, nothing flushed, every client connection reset. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new AssertionError("redis-server " + process.pid() + " survived SIGKILL");
    }
  }

  /** After {@link #kill}: a new, empty server on the same port (no persistence to reload). */
  public void restartEmpty() throws IOException {
    if (process.isAlive()) {
      throw new IllegalStateException("still running: kill it first");
    }
    launch();
  }

  /** SIGSTOP: connections stay open and nothing answers, like a hung host or a cut network. */
  public void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT after {@link #pause}: the server goes on with what its sockets hold. */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** One command over a fresh connection (see {@link Resp}). */
  public Object call(String... command) throws IOException {
    try (Resp resp = Resp.connect("127.0.0.1", port, Duration.ofSeconds(5))) {
      return resp.call(command);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      try {
        resume(); // a paused server would not act on SIGTERM
      } catch (IOException ignored) {
        // killed below anyway
      }
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  private void launch() throws IOException {
    // --save "" and --appendonly no: nothing survives a restart, as the tests need ("restarted
    // empty"). --dir: should anything be written after all, not into the working directory.
    ProcessBuilder builder =
        new ProcessBuilder(
                binary.toString(),
                "--port",
                String.valueOf(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                log.getParent().toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = builder.start();
    ProcessHandle handle = process.toHandle();
    Runtime.getRuntime().addShutdownHook(new Thread(handle::destroyForcibly));
    awaitPong();
  }

  private void awaitPong() throws IOException {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    IOException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "redis-server exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      try {
        if ("PONG".equals(call("PING"))) {
          return;
        }
      } catch (IOException notYet) {
        last = notYet;
      }
      pollPause();
    }
    throw new IOException(
        "redis-server on port " + port + " did not answer within " + READY_WITHIN, last);
  }

  private static void pollPause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start();
    if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /** The binary to run: see the class comment. */
  static Path binary() throws IOException {
    String configured = System.getProperty("redis.server");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate) && atLeast62(candidate)) {
        return candidate;
      }
    }
    String embedded = System.getProperty("embedded.redis.server", "");
    Path unpacked = Path.of(embedded);
    if (embedded.isBlank() || !Files.isRegularFile(unpacked)) {
      throw new IOException(
          "No redis-server >= 6.2 on the PATH and none unpacked at '"
              + embedded
              + "': run the build (dependency:unpack@fetch-redis) or pass -Dredis.server=...");
    }
    // A jar keeps no file modes: the unpacked binary is not executable yet.
    if (!Files.isExecutable(unpacked) && !unpacked.toFile().setExecutable(true)) {
      throw new IOException("cannot make " + unpacked + " executable");
    }
    return unpacked;
  }

  private static boolean atLeast62(Path candidate) {
    try {
      Process version = new ProcessBuilder(candidate.toString(), "--version").start();
      String out = new String(version.getInputStream().readAllBytes());
      version.waitFor(5, TimeUnit.SECONDS);
      Matcher v = Pattern.compile("v=(\\d+)\\.(\\d+)").matcher(out);
      if (!v.find()) {
        return false;
      }
      List<Integer> found = List.of(Integer.parseInt(v.group(1)), Integer.parseInt(v.group(2)));
      return found.get(0) > 6 || (found.get(0) == 6 && found.get(1) >= 2);
    } catch (IOException | InterruptedException | NumberFormatException unusable) {
      return false;
    }
  }
}
