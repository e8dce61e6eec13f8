package dev.jakartaasync.bench;

import dev.jakartaasync.chat.RawWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjLongConsumer;

/**
 * Many WebSocket connections read by one thread with one selector: the chat load client's
 * receivers, as cheap as a client can be, so that the client does not take the CPU the server needs
 * (both share the machine's cores).
 *
 * <p>Why not {@code java.net.http.WebSocket}: measured under the 1000-client load, it used ~70 µs
 * of CPU per received message (1.4 s of CPU for 20 000 messages, more than the server spent sending
 * them), and its listener calls hop between threads. Here a received text frame costs a share of
 * one {@code read} and a string.
 *
 * <p>What is measured stays the same: each complete text frame is handed to its connection's
 * listener with {@link System#nanoTime()} taken right after the read that completed it.
 */
final class LeanChatClients implements AutoCloseable {

  /** One connection. {@link #sendText} may be called from any thread. */
  static final class Connection {
    private final SocketChannel channel;
    private final ObjLongConsumer<String> onText;
    private final Runnable onClose;
    private ByteBuffer pending = ByteBuffer.allocate(8192);

    private Connection(SocketChannel channel, ObjLongConsumer<String> onText, Runnable onClose) {
      this.channel = channel;
      this.onText = onText;
      this.onClose = onClose;
    }

    /** Sends one masked text frame (as a client must); returns when it is written. */
    synchronized void sendText(String text) throws IOException {
      ByteBuffer frame = ByteBuffer.wrap(RawWebSocket.maskedTextFrame(text));
      while (frame.hasRemaining()) {
        if (channel.write(frame) == 0) {
          Thread.onSpinWait();
        }
      }
    }

    boolean isOpen() {
      return channel.isOpen();
    }

    /** Decodes every complete frame in {@code pending}; keeps the rest for the next read. */
    private void frames(long now) throws IOException {
      pending.flip();
      while (pending.remaining() >= 2) {
        int start = pending.position();
        int first = pending.get(start) & 0xff;
        int second = pending.get(start + 1) & 0x7f;
        int header = 2;
        long length = second;
        if (second == 126) {
          header = 4;
          if (pending.remaining() < header) {
            break;
          }
          length = pending.getShort(start + 2) & 0xffff;
        } else if (second == 127) {
          header = 10;
          if (pending.remaining() < header) {
            break;
          }
          length = pending.getLong(start + 2);
        }
        if (pending.remaining() < header + length) {
          break;
        }
        int opcode = first & 0x0f;
        if (opcode == 1) {
          onText.accept(
              new String(pending.array(), start + header, (int) length, StandardCharsets.UTF_8),
              now);
        } else if (opcode == 8) {
          close();
          return;
        }
        pending.position(start + header + (int) length);
      }
      pending.compact();
    }

    /**
     * @param readyAt when the selector reported this connection readable: its data had arrived by
     *     then. Taken once per select, not per connection after reading, so that the time this one
     *     thread spends on the connections before this one in the same batch (up to several ms for
     *     the last of 1000) is not counted as delivery latency.
     */
    private void readable(long readyAt) {
      try {
        if (!pending.hasRemaining()) {
          pending = ByteBuffer.allocate(pending.capacity() * 2).put(pending.flip());
        }
        int read = channel.read(pending);
        if (read < 0) {
          close();
          return;
        }
        frames(readyAt);
      } catch (IOException e) {
        close();
      }
    }

    void close() {
      if (channel.isOpen()) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // closing anyway
        }
        onClose.run();
      }
    }
  }

  private final Selector selector;
  private final List<Connection> connections = new ArrayList<>();
  private final Thread reader;
  private volatile boolean running = true;

  LeanChatClients() throws IOException {
    selector = Selector.open();
    reader = new Thread(this::readLoop, "lean-chat-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Connects and completes the handshake (blocking), then reads on the selector thread. */
  Connection connect(URI wsUri, ObjLongConsumer<String> onText, Runnable onClose)
      throws IOException {
    SocketChannel channel =
        SocketChannel.open(new InetSocketAddress(wsUri.getHost(), RawWebSocket.port(wsUri)));
    channel.socket().setTcpNoDelay(true);
    String request = RawWebSocket.handshakeRequest(wsUri);
    ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
    while (out.hasRemaining()) {
      channel.write(out);
    }
    Connection connection = new Connection(channel, onText, onClose);
    String head = readHead(channel, connection.pending);
    if (!head.startsWith("HTTP/1.1 101")) {
      channel.close();
      throw new IOException("handshake refused: " + head.lines().findFirst().orElse(head));
    }
    channel.configureBlocking(false);
    synchronized (connections) {
      connections.add(connection);
    }
    // Registering while the selector thread waits in select() blocks: wake it, then register.
    synchronized (this) {
      selector.wakeup();
      channel.register(selector, SelectionKey.OP_READ, connection);
    }
    return connection;
  }

  /** Reads the handshake response head; bytes after it (early frames) stay in {@code rest}. */
  private static String readHead(SocketChannel channel, ByteBuffer rest) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    ByteBuffer one = ByteBuffer.allocate(4096);
    byte[] end = {'\r', '\n', '\r', '\n'};
    int matched = 0;
    while (true) {
      if (channel.read(one) < 0) {
        throw new IOException("connection closed during handshake");
      }
      one.flip();
      while (one.hasRemaining()) {
        byte b = one.get();
        head.write(b);
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        if (matched == end.length) {
          rest.put(one);
          return head.toString(StandardCharsets.US_ASCII);
        }
      }
      one.clear();
    }
  }

  private void readLoop() {
    try {
      while (running) {
        selector.select(100);
        long readyAt = System.nanoTime();
        synchronized (this) {
          // lets connect() register
        }
        var keys = selector.selectedKeys();
        for (SelectionKey key : keys) {
          if (key.isValid() && key.isReadable()) {
            ((Connection) key.attachment()).readable(readyAt);
          }
        }
        keys.clear();
      }
    } catch (java.nio.channels.ClosedSelectorException closedAtTheEnd) {
      // close() ended the loop
    } catch (IOException | RuntimeException e) {
      e.printStackTrace();
    }
  }

  @Override
  public void close() throws IOException {
    // Stop the reader first: closing a connection while it walks the selected keys would make it
    // fail with a ConcurrentModificationException.
    running = false;
    selector.wakeup();
    try {
      reader.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (connections) {
      connections.forEach(Connection::close);
    }
    selector.close();
  }
}
