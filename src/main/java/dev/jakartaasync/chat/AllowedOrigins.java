package dev.jakartaasync.chat;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may open the chat: the Origin rule against cross-site WebSocket hijacking.
 *
 * <p>A browser sends the page's origin with every WebSocket handshake, and unlike for fetch there
 * is no CORS pre-flight: without this check any site a user visits could open {@code /ws/chat} in
 * the user's name. Passes: the same origin (the Origin's host and port equal the handshake's {@code
 * Host} header: the page came from this server, under whatever name it was reached), and the
 * origins configured in {@value #PROPERTY} (system property) or {@value #ENV} (environment
 * variable), a comma-separated list such as {@code https://chat.example.com,http://localhost:3000}.
 *
 * <p>No Origin header at all passes too: browsers always send one, so its absence means a
 * non-browser client (a test, {@code websocat}, the benchmark), which could send any Origin it
 * likes anyway: refusing it would protect nobody. The literal origin {@code null} (sandboxed
 * frames, {@code file:} pages) is refused unless listed.
 */
record AllowedOrigins(Set<String> listed) {

  static final String PROPERTY = "chat.allowed-origins";
  static final String ENV = "CHAT_ALLOWED_ORIGINS";

  /** The configured list: the system property if set, else the environment variable, else none. */
  static AllowedOrigins configured() {
    String value = System.getProperty(PROPERTY);
    if (value == null) {
      value = System.getenv(ENV);
    }
    return parse(value);
  }

  static AllowedOrigins parse(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return new AllowedOrigins(Set.of());
    }
    return new AllowedOrigins(
        Arrays.stream(commaSeparated.split(","))
            .map(String::trim)
            .filter(origin -> !origin.isEmpty())
            .map(AllowedOrigins::normalized)
            .collect(Collectors.toUnmodifiableSet()));
  }

  /**
   * @param origin the handshake's Origin header, null if absent
   * @param host the handshake's Host header, null if unknown
   */
  boolean allows(String origin, String host) {
    if (origin == null) {
      return true;
    }
    String normalized = normalized(origin);
    return listed.contains(normalized) || sameOrigin(normalized, host);
  }

  private static boolean sameOrigin(String origin, String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    URI uri = parseOrNull(origin);
    if (uri == null || uri.getHost() == null) {
      return false;
    }
    int defaultPort = defaultPort(uri.getScheme());
    int originPort = uri.getPort() == -1 ? defaultPort : uri.getPort();
    URI hostUri = parseOrNull("//" + host.trim());
    if (hostUri == null || hostUri.getHost() == null) {
      return false;
    }
    int hostPort = hostUri.getPort() == -1 ? defaultPort : hostUri.getPort();
    return uri.getHost().equalsIgnoreCase(hostUri.getHost()) && originPort == hostPort;
  }

  /** {@code HTTPS://Example.com:443/} and {@code https://example.com} are the same origin. */
  static String normalized(String origin) {
    URI uri = parseOrNull(origin.trim());
    if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
      return origin.trim().toLowerCase(Locale.ROOT);
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort() == defaultPort(scheme) ? -1 : uri.getPort();
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (port == -1 ? "" : ":" + port);
  }

  private static int defaultPort(String scheme) {
    return "https".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme) ? 443 : 80;
  }

  private static URI parseOrNull(String text) {
    try {
      return new URI(text);
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }
}
