package dev.jakartaasync.chat.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RelayOutboxTest {

  private static RelayOutbox oneTwoThree() {
    RelayOutbox outbox = new RelayOutbox("a", 10, 1000);
    outbox.offer("one", 3);
    outbox.offer("two", 3);
    outbox.offer("three", 5);
    return outbox;
  }

  @Test
  void linesKeepTheOrderTheyWereSaidInWithSequenceNumbersFromOne() throws Exception {
    RelayOutbox outbox = oneTwoThree();

    List<RelayEntry> batch = outbox.peek(10, Duration.ZERO);

    assertThat(batch).extracting(RelayEntry::text).containsExactly("one", "two", "three");
    assertThat(batch).extracting(RelayEntry::seq).containsExactly(1L, 2L, 3L);
    assertThat(batch).extracting(RelayEntry::node).containsOnly("a");
  }

  @Test
  void peekingRemovesNothingUntilTheWriterSaysRedisHasTheLines() throws Exception {
    RelayOutbox outbox = oneTwoThree();

    assertThat(outbox.peek(2, Duration.ZERO))
        .extracting(RelayEntry::text)
        .containsExactly("one", "two");
    assertThat(outbox.lines()).isEqualTo(3);

    outbox.removeUpTo(2);

    assertThat(outbox.peek(10, Duration.ZERO))
        .extracting(RelayEntry::text)
        .containsExactly("three");
    assertThat(outbox.bytes()).isEqualTo(5);
  }

  @Test
  void linesConfirmedSinceAGivenTimeGoBackAheadOfThoseNotYetAppendedInOrder() throws Exception {
    RelayOutbox outbox = oneTwoThree();
    outbox.removeUpTo(1);
    long afterOne = System.nanoTime();
    outbox.removeUpTo(2);
    outbox.offer("four", 4);

    assertThat(outbox.replayConfirmedSince(afterOne)).isEqualTo(1);

    assertThat(outbox.peek(10, Duration.ZERO))
        .extracting(RelayEntry::text)
        .containsExactly("two", "three", "four");
    assertThat(outbox.bytes()).isEqualTo(12);
    assertThat(outbox.replayConfirmedSince(afterOne)).as("replayed once").isZero();
  }

  @Test
  void pastTheLineBoundTheOldestAreDroppedAndCounted() throws Exception {
    RelayOutbox outbox = new RelayOutbox("a", 3, 1_000_000);
    for (int i = 1; i <= 5; i++) {
      outbox.offer("line " + i, 6);
    }

    assertThat(outbox.peek(10, Duration.ZERO))
        .extracting(RelayEntry::text)
        .containsExactly("line 3", "line 4", "line 5");
    assertThat(outbox.dropped()).isEqualTo(2);
    assertThat(outbox.lines()).isEqualTo(3);
  }

  @Test
  void pastTheByteBoundTheOldestAreDroppedAndCounted() throws Exception {
    RelayOutbox outbox = new RelayOutbox("a", 1000, 10);
    assertThat(outbox.offer("aaaa", 4)).isZero();
    assertThat(outbox.offer("bbbb", 4)).isZero();
    assertThat(outbox.offer("ccccccc", 7)).isEqualTo(2);

    assertThat(outbox.peek(10, Duration.ZERO))
        .extracting(RelayEntry::text)
        .containsExactly("ccccccc");
    assertThat(outbox.bytes()).isEqualTo(7);
    assertThat(outbox.dropped()).isEqualTo(2);
  }

  @Test
  void theBoundOfTheServerHoldsTenThousandLines() {
    RelayOutbox outbox = new RelayOutbox("a", ChatRelay.OUTBOX_LINES, ChatRelay.OUTBOX_BYTES);
    for (int i = 0; i < 25_000; i++) {
      outbox.offer("A user says: " + i, 20);
    }

    assertThat(outbox.lines()).isEqualTo(10_000);
    assertThat(outbox.dropped()).isEqualTo(15_000);
  }

  @Test
  void confirmingABatchAfterDropsRemovesOnlyWhatWasInIt() throws Exception {
    RelayOutbox outbox = new RelayOutbox("a", 3, 1_000_000);
    outbox.offer("1", 1);
    outbox.offer("2", 1);
    List<RelayEntry> batch = outbox.peek(10, Duration.ZERO); // the writer is appending 1 and 2
    outbox.offer("3", 1);
    outbox.offer("4", 1);
    outbox.offer("5", 1); // drops 1 and 2 meanwhile

    outbox.removeUpTo(batch.get(batch.size() - 1).seq());

    assertThat(outbox.peek(10, Duration.ZERO))
        .extracting(RelayEntry::text)
        .containsExactly("3", "4", "5");
  }

  @Test
  void aWaitingPeekReturnsAsSoonAsALineComesOrItIsWoken() throws Exception {
    RelayOutbox outbox = new RelayOutbox("a", 10, 1000);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<List<RelayEntry>> waiting = new CompletableFuture<>();
      thread.execute(() -> complete(waiting, outbox));
      outbox.offer("hello", 5);
      assertThat(waiting.get(5, TimeUnit.SECONDS))
          .extracting(RelayEntry::text)
          .containsExactly("hello");

      outbox.removeUpTo(1);
      CompletableFuture<List<RelayEntry>> woken = new CompletableFuture<>();
      thread.execute(() -> complete(woken, outbox));
      outbox.wakeUp();
      assertThat(woken.get(5, TimeUnit.SECONDS)).isEmpty();
    } finally {
      thread.shutdownNow();
    }
  }

  private static void complete(CompletableFuture<List<RelayEntry>> result, RelayOutbox outbox) {
    try {
      result.complete(outbox.peek(10, Duration.ofSeconds(30)));
    } catch (InterruptedException | RuntimeException e) {
      result.completeExceptionally(e);
    }
  }
}
