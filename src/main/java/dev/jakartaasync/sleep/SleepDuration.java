package dev.jakartaasync.sleep;

import dev.jakartaasync.core.Problem;
import dev.jakartaasync.core.ProblemException;
import java.time.Duration;

/** How long {@code /async-sleep} waits: 1 s as in the tutorial, or {@code ?seconds=0..10}. */
record SleepDuration(int seconds) {

  static final int DEFAULT_SECONDS = 1;
  static final int MAX_SECONDS = 10;

  /** Parses the raw query value; anything but a whole number in range is a 400 naming the field. */
  static SleepDuration parse(String raw) {
    if (raw == null) {
      return new SleepDuration(DEFAULT_SECONDS);
    }
    int seconds;
    try {
      seconds = Integer.parseInt(raw.strip());
    } catch (NumberFormatException notANumber) {
      seconds = -1;
    }
    if (seconds < 0 || seconds > MAX_SECONDS) {
      throw new ProblemException(
          Problem.badInput(
              "seconds", "seconds must be a whole number from 0 to " + MAX_SECONDS + "."));
    }
    return new SleepDuration(seconds);
  }

  Duration duration() {
    return Duration.ofSeconds(seconds);
  }

  /** The tutorial's exact sentence for the default; plural otherwise. */
  String message() {
    return "Slept for " + seconds + (seconds == 1 ? " second!" : " seconds!");
  }
}
