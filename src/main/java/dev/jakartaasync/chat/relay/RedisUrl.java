package dev.jakartaasync.chat.relay;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the relay's Redis is: {@code redis://host:port}, optionally with a password ({@code
 * redis://:secret@host:port}, or {@code user:secret@} for an ACL user) and a database ({@code /2}).
 * The port defaults to 6379.
 *
 * @param user null for the default user
 * @param password null for none
 */
record RedisUrl(String host, int port, String user, String password, int database) {

  static final int DEFAULT_PORT = 6379;

  /**
   * @param setting the name of the setting the value came from, for the error message
   * @throws IllegalArgumentException naming {@code setting} if {@code value} is not such a URL
   */
  static RedisUrl parse(String value, String setting) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw malformed(setting, value, e.getReason());
    }
    if (!"redis".equalsIgnoreCase(uri.getScheme())) {
      throw malformed(setting, value, "the scheme must be redis://");
    }
    if (uri.getHost() == null) {
      throw malformed(setting, value, "no host (or not a valid host:port)");
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw malformed(setting, value, "no query or fragment allowed");
    }
    int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
    String user = null;
    String password = null;
    String userInfo = uri.getUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        throw malformed(setting, value, "credentials must be :password@ or user:password@");
      }
      user = colon == 0 ? null : userInfo.substring(0, colon);
      password = userInfo.substring(colon + 1);
    }
    return new RedisUrl(
        uri.getHost(), port, user, password, database(uri.getPath(), setting, value));
  }

  private static int database(String path, String setting, String value) {
    if (path == null || path.isEmpty() || path.equals("/")) {
      return 0;
    }
    try {
      int database = Integer.parseInt(path.substring(1));
      if (database >= 0) {
        return database;
      }
    } catch (NumberFormatException notANumber) {
      // Reported below.
    }
    throw malformed(setting, value, "the path must be a database number, such as /0");
  }

  private static IllegalArgumentException malformed(String setting, String value, String why) {
    return new IllegalArgumentException(
        setting + " is not a Redis URL such as redis://host:6379 (" + why + "): " + masked(value));
  }

  /** Never writes a password to the log. */
  private static String masked(String value) {
    return value.replaceAll("//([^/@]*)@", "//***@");
  }

  /** For the log: no password. */
  @Override
  public String toString() {
    return "redis://" + host + ":" + port + "/" + database;
  }
}
