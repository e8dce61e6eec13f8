package dev.jakartaasync.clock;

import dev.jakartaasync.core.Problem;
import dev.jakartaasync.core.ProblemException;

/**
 * How many events a stream sends before it ends: endless as in the tutorial, or {@code
 * ?count=1..3600} (handy for curl and tests: the stream then ends cleanly by itself).
 */
record StreamLength(int events) {

  static final int ENDLESS = Integer.MAX_VALUE;
  static final int MAX_COUNT = 3600;

  static StreamLength parse(String raw) {
    if (raw == null) {
      return new StreamLength(ENDLESS);
    }
    int count;
    try {
      count = Integer.parseInt(raw.strip());
    } catch (NumberFormatException notANumber) {
      count = 0;
    }
    if (count < 1 || count > MAX_COUNT) {
      throw new ProblemException(
          Problem.badInput("count", "count must be a whole number from 1 to " + MAX_COUNT + "."));
    }
    return new StreamLength(count);
  }

  boolean endless() {
    return events == ENDLESS;
  }
}
