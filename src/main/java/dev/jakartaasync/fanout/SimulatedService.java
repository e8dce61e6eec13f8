package dev.jakartaasync.fanout;

import java.time.Duration;

/** A pretend remote service: its name, what it answers, and how long the answer takes. */
record SimulatedService(String name, String data, Duration latency) {

  static final SimulatedService ONE =
      new SimulatedService("one", "some data", Duration.ofMillis(1000));
  static final SimulatedService TWO =
      new SimulatedService("two", "more data", Duration.ofMillis(1500));

  ServiceReply reply() {
    return new ServiceReply(name, data);
  }
}
