package dev.jakartaasync.chat.relay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory stand-in for one Redis with the relay's stream, for the unit tests: ids like Redis's
 * (millisecond time, then a counter), and the failures the relay must survive: down (connects and
 * commands fail), restarted empty, entries trimmed away, a reply lost after the append was done.
 */
final class FakeRedis {

  /** How long a read waits for an entry, like {@code XREAD BLOCK}, but short for the tests. */
  static final long BLOCK_MILLIS = 20;

  // Guarded by this.
  private final List<StreamRecord> entries = new ArrayList<>();
  private long lastMillis;
  private long lastCounter;
  private boolean up = true;
  private int incarnation;
  private int restarts;
  private int repliesToLose;
  private int appendCalls;

  ChatStream.Connector connector() {
    return () -> {
      synchronized (this) {
        if (!up) {
          throw new IllegalStateException("connection refused");
        }
        return new Connection(incarnation);
      }
    };
  }

  synchronized void down() {
    up = false;
    incarnation++;
    notifyAll();
  }

  synchronized void up() {
    up = true;
  }

  /**
   * Like a Redis restarted without persistence: empty, ids from the clock again. A real restart
   * takes far longer than a millisecond, so the clock has moved past the last id when it returns.
   */
  synchronized void restartEmpty() {
    while (System.currentTimeMillis() <= lastMillis) {
      Thread.onSpinWait();
    }
    entries.clear();
    restarts++;
    lastMillis = 0;
    lastCounter = 0;
    incarnation++;
    notifyAll();
  }

  /** Keeps only the newest {@code keep} entries, like {@code MAXLEN}. */
  synchronized void trimTo(int keep) {
    while (entries.size() > keep) {
      entries.remove(0);
    }
  }

  /** The next {@code n} appends are done, but their connection fails before the reply. */
  synchronized void loseReplies(int n) {
    repliesToLose = n;
  }

  /** Appends an entry with any fields, as another program writing to the key could. */
  synchronized String addRaw(Map<String, String> fields) {
    long now = System.currentTimeMillis();
    if (now > lastMillis) {
      lastMillis = now;
      lastCounter = 0;
    } else {
      lastCounter++;
    }
    String id = lastMillis + "-" + lastCounter;
    entries.add(new StreamRecord(id, new LinkedHashMap<>(fields)));
    notifyAll();
    return id;
  }

  synchronized List<StreamRecord> entries() {
    return List.copyOf(entries);
  }

  synchronized int appendCalls() {
    return appendCalls;
  }

  private static int compare(String a, String b) {
    String[] x = a.split("-");
    String[] y = b.split("-");
    int byTime = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
    return byTime != 0 ? byTime : Long.compare(Long.parseLong(x[1]), Long.parseLong(y[1]));
  }

  /** One client connection: fails once Redis went down or restarted after it was opened. */
  private final class Connection implements ChatStream {
    private final int openedIn;
    private volatile boolean closed;

    Connection(int openedIn) {
      this.openedIn = openedIn;
    }

    private void check() {
      if (closed || !up || incarnation != openedIn) {
        throw new IllegalStateException("connection lost");
      }
    }

    @Override
    public void ping() {
      synchronized (FakeRedis.this) {
        check();
      }
    }

    @Override
    public String serverRun() {
      synchronized (FakeRedis.this) {
        check();
        return "run-" + restarts;
      }
    }

    @Override
    public void append(List<RelayEntry> batch) {
      synchronized (FakeRedis.this) {
        check();
        appendCalls++;
        for (RelayEntry entry : batch) {
          addRaw(entry.fields());
        }
        if (repliesToLose > 0) {
          repliesToLose--;
          throw new IllegalStateException("reply lost");
        }
      }
    }

    @Override
    public String lastId() {
      synchronized (FakeRedis.this) {
        check();
        return entries.isEmpty() ? BEFORE_ALL : entries.get(entries.size() - 1).id();
      }
    }

    @Override
    public List<StreamRecord> readAfter(String from) {
      synchronized (FakeRedis.this) {
        check();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BLOCK_MILLIS);
        while (true) {
          List<StreamRecord> after = new ArrayList<>();
          for (StreamRecord entry : entries) {
            if (compare(entry.id(), from) > 0) {
              after.add(entry);
            }
          }
          long left = deadline - System.nanoTime();
          if (!after.isEmpty() || left <= 0) {
            return after;
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(FakeRedis.this, left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          check();
        }
      }
    }

    @Override
    public void close() {
      closed = true;
      synchronized (FakeRedis.this) {
        FakeRedis.this.notifyAll();
      }
    }
  }
}
