package dev.jakartaasync.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StaticAssetsTest {

  @Test
  void listsEveryFileBelowTheFolderRecursivelyAndNoFolders() {
    Map<String, Set<String>> war =
        Map.of(
            "/static/", Set.of("/static/site.css", "/static/js/"),
            "/static/js/", Set.of("/static/js/chat.js", "/static/js/lib/"),
            "/static/js/lib/", Set.of("/static/js/lib/x.js"));

    assertThat(StaticAssets.filesUnder("/static/", war::get))
        .containsExactly("/static/js/chat.js", "/static/js/lib/x.js", "/static/site.css");
  }

  @Test
  void aMissingFolderHasNoFiles() {
    assertThat(StaticAssets.filesUnder("/static/", dir -> null)).isEmpty();
  }
}
