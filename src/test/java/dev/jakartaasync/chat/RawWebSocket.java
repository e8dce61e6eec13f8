package dev.jakartaasync.chat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client over a bare socket that reads only when told to: the reader who stopped
 * reading. Every library client reads whatever arrives on its own threads, so a stalled reader
 * needs its own handshake. Its receive buffer is kept small so that the server, not the kernel,
 * notices the backlog.
 */
public final class RawWebSocket implements AutoCloseable {

  /** A frame as received: opcode (1 text, 8 close) and payload. */
  public record Frame(int opcode, byte[] payload) {
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The status code of a close frame, 1005 (none given) if it carries none. */
    public int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
    }
  }

  /** {@link CloseSeen#closeCode()} when the connection ended without a close frame. */
  public static final int NO_CLOSE_FRAME = -1;

  private final Socket socket;
  private final DataInputStream in;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
  }

  /** Opens a connection and completes the handshake; then reads nothing until asked. */
  public static RawWebSocket connect(URI wsUri, int receiveBufferBytes) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(receiveBufferBytes);
    socket.connect(new InetSocketAddress(wsUri.getHost(), port(wsUri)), 10_000);
    socket.setSoTimeout(30_000);
    String request = handshakeRequest(wsUri);
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    RawWebSocket raw = new RawWebSocket(socket);
    String head = raw.readHead();
    if (!head.startsWith("HTTP/1.1 101")) {
      socket.close();
      throw new IOException("handshake refused: " + head.lines().findFirst().orElse(head));
    }
    return raw;
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed during handshake");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /** Sends one text frame, masked as a client must. */
  public void sendText(String text) throws IOException {
    socket.getOutputStream().write(maskedTextFrame(text));
    socket.getOutputStream().flush();
  }

  /** The client's opening handshake for {@code wsUri} (RFC 6455 section 4.1), with a fresh key. */
  public static String handshakeRequest(URI wsUri) {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    return "GET "
        + wsUri.getRawPath()
        + " HTTP/1.1\r\n"
        + "Host: "
        + wsUri.getHost()
        + ":"
        + port(wsUri)
        + "\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: "
        + Base64.getEncoder().encodeToString(nonce)
        + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n";
  }

  /** One final text frame carrying {@code text}, masked with a fresh key as a client must. */
  public static byte[] maskedTextFrame(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteBuffer frame = ByteBuffer.allocate(14 + payload.length);
    frame.put((byte) 0x81);
    if (payload.length <= 125) {
      frame.put((byte) (0x80 | payload.length));
    } else if (payload.length <= 0xffff) {
      frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
    } else {
      frame.put((byte) (0x80 | 127)).putLong(payload.length);
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.put(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.put((byte) (payload[i] ^ mask[i & 3]));
    }
    return Arrays.copyOf(frame.array(), frame.position());
  }

  /** The port of a {@code ws:} URI, 80 when it names none. */
  public static int port(URI wsUri) {
    return wsUri.getPort() == -1 ? 80 : wsUri.getPort();
  }

  /** Reads text frames until {@code text} arrives: proof that the server counts us in. */
  public void readUntilText(String text) throws IOException {
    while (true) {
      Frame frame = readFrame();
      if (frame.opcode() == 1 && frame.text().equals(text)) {
        return;
      }
    }
  }

  /** Reads the next frame (the server's frames are never masked); EOFException at the end. */
  public Frame readFrame() throws IOException {
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    long length = second & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[Math.toIntExact(length)];
    in.readFully(payload);
    return new Frame(first & 0x0f, payload);
  }

  /** Reads frames until a close frame, counting the text frames before it; -1 if none came. */
  public CloseSeen readUntilClose() throws IOException {
    int texts = 0;
    try {
      while (true) {
        Frame frame = readFrame();
        if (frame.opcode() == 8) {
          return new CloseSeen(texts, frame.closeCode());
        }
        if (frame.opcode() == 1) {
          texts++;
        }
      }
    } catch (EOFException | java.net.SocketException endedWithoutCloseFrame) {
      return new CloseSeen(texts, NO_CLOSE_FRAME);
    }
  }

  /** What a stalled reader finds once it reads again. */
  public record CloseSeen(int textFrames, int closeCode) {}

  public InputStream input() {
    return in;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
