package dev.jakartaasync.fanout;

import dev.jakartaasync.core.Problem;
import dev.jakartaasync.core.ProblemException;
import java.util.Set;

/**
 * Faults a reader may inject to see the error paths: {@code ?fail=two} makes service two fail,
 * {@code ?slow=one} makes service one miss its deadline.
 */
record Faults(String failing, String slow) {

  static final Faults NONE = new Faults(null, null);
  private static final Set<String> SERVICES = Set.of("one", "two");

  static Faults parse(String fail, String slow) {
    return new Faults(service("fail", fail), service("slow", slow));
  }

  private static String service(String field, String raw) {
    if (raw == null || SERVICES.contains(raw)) {
      return raw;
    }
    throw new ProblemException(
        Problem.badInput(field, field + " must name a service: one or two."));
  }

  boolean fails(SimulatedService service) {
    return service.name().equals(failing);
  }

  boolean slows(SimulatedService service) {
    return service.name().equals(slow);
  }
}
