package dev.jakartaasync.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AllowedOriginsTest {

  final AllowedOrigins none = AllowedOrigins.parse(null);

  @Test
  void theSameOriginPasses() {
    assertThat(none.allows("http://localhost:8080", "localhost:8080")).isTrue();
    assertThat(none.allows("http://LocalHost:8080", "localhost:8080")).isTrue();
    assertThat(none.allows("https://chat.example.com", "chat.example.com")).isTrue();
    assertThat(none.allows("https://chat.example.com", "chat.example.com:443")).isTrue();
    assertThat(none.allows("http://[::1]:8080", "[::1]:8080")).isTrue();
  }

  @Test
  void anotherHostOrPortIsForeign() {
    assertThat(none.allows("https://evil.example", "localhost:8080")).isFalse();
    assertThat(none.allows("http://localhost:9090", "localhost:8080")).isFalse();
    assertThat(none.allows("http://localhost.evil.example:8080", "localhost:8080")).isFalse();
    assertThat(none.allows("null", "localhost:8080")).isFalse();
    assertThat(none.allows("not a url", "localhost:8080")).isFalse();
  }

  @Test
  void withoutAKnownHostOnlyTheListPasses() {
    AllowedOrigins listed = AllowedOrigins.parse("https://chat.example.com");
    assertThat(listed.allows("https://chat.example.com", null)).isTrue();
    assertThat(listed.allows("http://localhost:8080", null)).isFalse();
  }

  @Test
  void theConfiguredListPassesWhateverTheHost() {
    AllowedOrigins listed =
        AllowedOrigins.parse(" https://Chat.Example.com:443 , http://localhost:3000,, ");
    assertThat(listed.allows("https://chat.example.com", "api.example.com")).isTrue();
    assertThat(listed.allows("http://localhost:3000", "localhost:8080")).isTrue();
    assertThat(listed.allows("http://localhost:3001", "localhost:8080")).isFalse();
    assertThat(listed.listed()).hasSize(2);
  }

  @Test
  void noOriginHeaderMeansNoBrowserAndPasses() {
    assertThat(none.allows(null, "localhost:8080")).isTrue();
  }

  @Test
  void theSystemPropertyIsRead() {
    String before = System.getProperty(AllowedOrigins.PROPERTY);
    try {
      System.setProperty(AllowedOrigins.PROPERTY, "https://allowed.example");
      assertThat(AllowedOrigins.configured().allows("https://allowed.example", "x:1")).isTrue();
    } finally {
      if (before == null) {
        System.clearProperty(AllowedOrigins.PROPERTY);
      } else {
        System.setProperty(AllowedOrigins.PROPERTY, before);
      }
    }
  }
}
