package dev.jakartaasync.chat.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncomingLinesTest {

  final IncomingLines incoming = new IncomingLines("own");
  final List<String> delivered = new ArrayList<>();
  int nextId = 1;

  private void read(Map<String, String> fields) {
    incoming
        .accept(new StreamRecord("1700000000000-" + nextId++, fields))
        .ifPresent(delivered::add);
  }

  private void read(String node, long seq, String text) {
    read(Map.of("node", node, "seq", Long.toString(seq), "text", text));
  }

  @Test
  void linesOfOtherInstancesAreDeliveredInStreamOrder() {
    read("b", 1, "A user says: one");
    read("c", 7, "A user says: x");
    read("b", 2, "A user has left the chat.");

    assertThat(delivered)
        .containsExactly("A user says: one", "A user says: x", "A user has left the chat.");
    assertThat(incoming.delivered()).isEqualTo(3);
    assertThat(incoming.gaps()).isZero();
    assertThat(incoming.skipped()).isZero();
  }

  @Test
  void ownLinesAreNotDeliveredAgainNorCountedAsSkipped() {
    read("own", 1, "A user says: mine");
    read("b", 1, "A user says: theirs");

    assertThat(delivered).containsExactly("A user says: theirs");
    assertThat(incoming.skipped()).isZero();
  }

  @Test
  void anEntryAppendedTwiceIsDeliveredOnce() {
    read("b", 1, "one");
    read("b", 2, "two");
    read("b", 1, "one"); // the writer's retry after a lost reply
    read("b", 2, "two");
    read("b", 3, "three");

    assertThat(delivered).containsExactly("one", "two", "three");
    assertThat(incoming.duplicates()).isEqualTo(2);
    assertThat(incoming.gaps()).isZero();
  }

  @Test
  void missingEntriesAreCountedAsGapsAndNotWaitedFor() {
    read("b", 1, "one");
    read("b", 5, "five");
    read("b", 6, "six");

    assertThat(delivered).containsExactly("one", "five", "six");
    assertThat(incoming.gaps()).isEqualTo(3);
  }

  @Test
  void aNodeSeenForTheFirstTimeMidwayIsNoGap() {
    read("b", 41, "forty-one");

    assertThat(delivered).containsExactly("forty-one");
    assertThat(incoming.gaps()).isZero();
  }

  @Test
  void foreignAndMalformedEntriesAreSkippedAndCountedAndReadingGoesOn() {
    read(Map.of("hello", "world"));
    read(Map.of("node", "b", "text", "no seq"));
    read(Map.of("node", "b", "seq", "two", "text", "seq not a number"));
    read(Map.of("node", "b", "seq", "0", "text", "seq not positive"));
    read(Map.of("node", "", "seq", "1", "text", "empty node"));
    read(Map.of("node", "b", "seq", "1"));
    read(Map.of("node", "b", "seq", "1", "text", "x".repeat(IncomingLines.MAX_TEXT_CHARS + 1)));
    read("b", 1, "fine");

    assertThat(delivered).containsExactly("fine");
    assertThat(incoming.skipped()).isEqualTo(7);
  }

  @Test
  void readingStartsWhereItWasFirstStartedThenResumesAfterTheLastEntrySeenWhateverItWas() {
    assertThat(incoming.unstarted()).isTrue();
    incoming.startAt("1690000000000-0");
    assertThat(incoming.resumeId()).isEqualTo("1690000000000-0");
    assertThat(incoming.lastEntryId()).isNull();

    incoming.accept(
        new StreamRecord("1700000000000-0", Map.of("node", "b", "seq", "1", "text", "t")));
    assertThat(incoming.resumeId()).isEqualTo("1700000000000-0");

    incoming.accept(new StreamRecord("1700000000001-0", Map.of("junk", "1")));
    assertThat(incoming.resumeId()).isEqualTo("1700000000001-0");

    incoming.accept(
        new StreamRecord("1700000000002-0", Map.of("node", "own", "seq", "1", "text", "t")));
    assertThat(incoming.resumeId()).isEqualTo("1700000000002-0");
    assertThat(incoming.lastEntryId()).isEqualTo("1700000000002-0");

    incoming.startAt("1800000000000-0"); // a reconnect: reading goes on where it was
    assertThat(incoming.resumeId()).isEqualTo("1700000000002-0");
  }
}
