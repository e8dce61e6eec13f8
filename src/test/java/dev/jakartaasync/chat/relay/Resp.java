package dev.jakartaasync.chat.relay;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal Redis client speaking RESP2 over a socket, for what the tests do behind the relay's
 * back: PING, and XADD of entries the relay never wrote (foreign or malformed ones). Not the
 * relay's client: the tests must not share its code to check it. The embedded Redis brings no
 * redis-cli.
 *
 * <p>Replies: simple strings and bulk strings as {@code String}, integers as {@code Long}, arrays
 * as {@code List<Object>}, nil as {@code null}; an error reply throws {@link IOException}.
 */
final class Resp implements AutoCloseable {

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private Resp(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    this.out = socket.getOutputStream();
  }

  static Resp connect(String host, int port, Duration timeout) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      return new Resp(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Sends one command as an array of bulk strings and reads its reply. */
  Object call(String... command) throws IOException {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String part : command) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      request.writeBytes(bytes);
      request.writeBytes(new byte[] {'\r', '\n'});
    }
    out.write(request.toByteArray());
    out.flush();
    return reply();
  }

  private Object reply() throws IOException {
    int type = in.readUnsignedByte();
    String line = line();
    switch (type) {
      case '+':
        return line;
      case '-':
        throw new IOException("Redis error: " + line);
      case ':':
        return Long.parseLong(line);
      case '$':
        int length = Integer.parseInt(line);
        if (length < 0) {
          return null;
        }
        byte[] bulk = new byte[length];
        in.readFully(bulk);
        line(); // the CRLF after the bulk
        return new String(bulk, StandardCharsets.UTF_8);
      case '*':
        int count = Integer.parseInt(line);
        if (count < 0) {
          return null;
        }
        List<Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          items.add(reply());
        }
        return items;
      default:
        throw new IOException("not a RESP reply: " + (char) type + line);
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.readUnsignedByte()) != '\r') {
      line.write(b);
    }
    in.readUnsignedByte(); // '\n'
    return line.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
