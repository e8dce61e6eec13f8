package dev.jakartaasync.chat.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Instance B of the cluster tests: the same WAR on the same server distribution as the
 * Arquillian-managed instance A, with the same JVM options, launched by the test itself so that it
 * can stop it (SIGTERM) or kill it (SIGKILL). It runs the server's JVM directly, not a launcher
 * script, so that the signals reach the server and nothing survives a kill.
 *
 * <ul>
 *   <li>Payara Micro ({@code arquillian.launch=payara-micro}, Payara 6 or 7): {@code java -jar
 *       payara-micro.jar --deploy WAR --contextroot / --port P --nocluster}, with the test JVM's
 *       own java (Payara 7's profile runs the tests on Java 21+) and a root dir of its own.
 *   <li>WildFly ({@code wildfly}): jboss-modules with a fresh copy of {@code standalone/} as its
 *       base dir ({@code -Djboss.server.base.dir}), the WAR as {@code deployments/ROOT.war}, and a
 *       port offset of its own.
 * </ul>
 */
final class SecondInstance implements AutoCloseable {

  private static final Duration BOOT_WITHIN = Duration.ofSeconds(180);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * The options WildFly's bin/common.sh adds on a modular JDK (17+): the server needs them, and
   * this class starts the JVM without the script.
   */
  private static final List<String> WILDFLY_MODULAR_JDK_OPTIONS =
      List.of(
          "--add-exports=java.desktop/sun.awt=ALL-UNNAMED",
          "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
          "--add-exports=java.naming/com.sun.jndi.url.ldap=ALL-UNNAMED",
          "--add-exports=java.naming/com.sun.jndi.url.ldaps=ALL-UNNAMED",
          "--add-exports=jdk.naming.dns/com.sun.jndi.dns=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.security=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.management/javax.management=ALL-UNNAMED",
          "--add-opens=java.naming/javax.naming=ALL-UNNAMED");

  private final Path dir;
  private final String redisUrl;
  private final boolean wildfly;
  private Process process;
  private int port;
  private int launches;

  private SecondInstance(Path dir, String redisUrl, boolean wildfly) {
    this.dir = dir;
    this.redisUrl = redisUrl;
    this.wildfly = wildfly;
  }

  /** Launches B (without waiting for it: see {@link #awaitReady}). */
  static SecondInstance launch(Path dir, String redisUrl) throws IOException {
    boolean wildfly = "wildfly".equals(System.getProperty("arquillian.launch"));
    SecondInstance instance = new SecondInstance(dir, redisUrl, wildfly);
    instance.start();
    return instance;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port + "/";
  }

  boolean isRunning() {
    return process != null && process.isAlive();
  }

  Path log() {
    return dir.resolve("server-" + launches + ".log");
  }

  /** Launches B again after {@link #kill} or {@link #terminate}, from a clean state. */
  void relaunch() throws IOException {
    if (isRunning()) {
      throw new IllegalStateException("B is still running");
    }
    start();
  }

  /** Waits until the WAR answers {@code GET /chat/status} with 200. */
  void awaitReady() {
    long deadline = System.nanoTime() + BOOT_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "instance B exited with " + process.exitValue() + " during boot; see " + log());
      }
      try {
        HttpResponse<Void> status =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "chat/status"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (status.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // booting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      pollPause();
    }
    throw new AssertionError("instance B not ready within " + BOOT_WITHIN + "; see " + log());
  }

  /** SIGTERM, as an orchestrator stops an instance; waits until the process has exited. */
  void terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("instance B ignored SIGTERM for 60 s; killed");
    }
  }

  /** SIGKILL: a crash, no shutdown hook, no close frames. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      throw new AssertionError("instance B survived SIGKILL");
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (isRunning()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  private void start() throws IOException {
    launches++;
    Files.createDirectories(dir);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        words(System.getProperty(wildfly ? "wildfly.jvm.options" : "payara.jvm.options")));
    if (!wildfly) {
      command.addAll(words(System.getProperty("payara.boot.options")));
    }
    // it.jvm.options: the tests' options (the notification log); for A the cluster execution adds
    // chat.redis.url to them, so B gets it here explicitly.
    command.addAll(
        words(System.getProperty("it.jvm.options")).stream()
            .filter(option -> !option.startsWith("-Dchat.redis.url="))
            .toList());
    command.add("-Dchat.redis.url=" + redisUrl);
    if (wildfly) {
      wildflyCommand(command);
    } else {
      payaraCommand(command);
    }
    process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log().toFile())
            .start();
    ProcessHandle handle = process.toHandle();
    Runtime.getRuntime().addShutdownHook(new Thread(handle::destroyForcibly));
  }

  private void payaraCommand(List<String> command) throws IOException {
    port = freePort();
    // A fresh root dir each launch: Payara Micro would otherwise redeploy the last run's app.
    Path root = dir.resolve("payara-root");
    deleteTree(root);
    command.addAll(
        List.of(
            "-jar",
            System.getProperty("payara.microJar"),
            "--nocluster",
            "--port",
            String.valueOf(port),
            "--rootdir",
            root.toString(),
            "--deploy",
            System.getProperty("app.war"),
            "--contextroot",
            "/"));
    command.addAll(words(System.getProperty("payara.micro.options")));
  }

  private void wildflyCommand(List<String> command) throws IOException {
    Path home = Path.of(System.getProperty("wildfly.home"));
    int offset = Integer.parseInt(System.getProperty("chat.cluster.b.wildfly.offset", "1650"));
    port = 8080 + offset;
    // A fresh copy of standalone/ each launch: the WAR in deployments/, nothing left from before.
    Path base = dir.resolve("standalone");
    deleteTree(base);
    for (String part : List.of("configuration", "deployments")) {
      copyTree(home.resolve("standalone").resolve(part), base.resolve(part));
    }
    Files.copy(
        Path.of(System.getProperty("app.war")),
        base.resolve("deployments").resolve("ROOT.war"),
        StandardCopyOption.REPLACE_EXISTING);
    command.addAll(WILDFLY_MODULAR_JDK_OPTIONS);
    command.addAll(
        List.of(
            "-Dorg.jboss.boot.log.file=" + base.resolve("log").resolve("server.log"),
            "-Dlogging.configuration=file:" + base.resolve("configuration/logging.properties"),
            "-jar",
            home.resolve("jboss-modules.jar").toString(),
            "-mp",
            home.resolve("modules").toString(),
            "org.jboss.as.standalone",
            "-Djboss.home.dir=" + home,
            "-Djboss.server.base.dir=" + base,
            "-Djboss.socket.binding.port-offset=" + offset));
  }

  /** A port in {@code chat.cluster.b.ports} (e.g. 8900-8999) that nothing listens on now. */
  private static int freePort() {
    String[] range = System.getProperty("chat.cluster.b.ports", "8900-8999").split("-");
    int first = Integer.parseInt(range[0].trim());
    int last = Integer.parseInt(range[1].trim());
    for (int candidate = first; candidate <= last; candidate++) {
      try (ServerSocket probe = new ServerSocket(candidate)) {
        return candidate;
      } catch (IOException taken) {
        // next
      }
    }
    throw new AssertionError("no free port in " + first + "-" + last + " for instance B");
  }

  private static List<String> words(String options) {
    return options == null || options.isBlank()
        ? List.of()
        : Arrays.asList(options.trim().split("\\s+"));
  }

  private static void pollPause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path source : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
