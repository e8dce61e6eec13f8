package dev.jakartaasync.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A real WebSocket client for the tests ({@code java.net.http.WebSocket}) that keeps every line it
 * receives and how its connection ended. Failures on the client's own threads end up in {@link
 * #closed} (completed exceptionally), so a test that waits on it sees them.
 */
public final class ChatClient implements WebSocket.Listener {

  static final HttpClient HTTP = HttpClient.newHttpClient();

  public static final Duration WAIT = Duration.ofSeconds(20);

  final BlockingQueue<String> received = new LinkedBlockingQueue<>();

  /** The close code the server sent; exceptional if the connection failed. */
  final CompletableFuture<Integer> closed = new CompletableFuture<>();

  private final StringBuilder partial = new StringBuilder();

  private WebSocket socket;

  volatile String closeReason;

  public static URI chatUri(String baseUrl) {
    return URI.create(baseUrl.replaceFirst("^http", "ws").replaceAll("/$", "") + "/ws/chat");
  }

  public static ChatClient connect(String baseUrl) {
    return connect(baseUrl, null);
  }

  public static ChatClient connect(String baseUrl, String origin) {
    ChatClient client = new ChatClient();
    WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
    if (origin != null) {
      builder.header("Origin", origin);
    }
    client.socket = await(builder.buildAsync(chatUri(baseUrl), client));
    return client;
  }

  public void send(String text) {
    try {
      await(socket.sendText(text, true));
    } catch (AssertionError e) {
      throw new AssertionError(
          "send failed; connection ended with " + closed + " " + closeReason, e);
    }
  }

  /** Closes politely and waits until the server confirmed. */
  public void leave() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    await(closed.exceptionally(e -> -1));
  }

  /** Drops the TCP connection without a close frame, like a tab that crashed. */
  public void vanish() {
    socket.abort();
  }

  public boolean isOpen() {
    return !socket.isInputClosed() && !socket.isOutputClosed() && !closed.isDone();
  }

  /** The next line, or an AssertionError naming what was awaited. */
  public String next() throws InterruptedException {
    String line = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null) {
      throw new AssertionError(
          "no line within "
              + WAIT
              + "; connection: "
              + (closed.isDone() ? closed + " " + closeReason : "open"));
    }
    return line;
  }

  /** Reads lines until one matches; returns the lines read before it. */
  public List<String> readUntil(Predicate<String> wanted) throws InterruptedException {
    List<String> before = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      String line = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("awaited line never came; got instead " + before);
      }
      if (wanted.test(line)) {
        return before;
      }
      before.add(line);
    }
  }

  public int closeCode() {
    return await(closed);
  }

  /** Waits with a deadline; the failure, if any, is rethrown on the test's thread. */
  public static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("nothing within " + WAIT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      received.add(partial.toString());
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeReason = reason;
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.completeExceptionally(error);
  }
}
