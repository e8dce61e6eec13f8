package dev.jakartaasync.fanout;

/** A downstream call that failed or missed its deadline; names the service for the client. */
public class ServiceCallException extends RuntimeException {

  public enum Kind {
    FAILED,
    TIMED_OUT
  }

  private final String service;
  private final Kind kind;

  ServiceCallException(String service, Kind kind, String message) {
    super(message, null, false, false);
    this.service = service;
    this.kind = kind;
  }

  static ServiceCallException failed(String service) {
    return new ServiceCallException(service, Kind.FAILED, "Service " + service + " failed.");
  }

  static ServiceCallException timedOut(String service, long deadlineMs) {
    return new ServiceCallException(
        service,
        Kind.TIMED_OUT,
        "Service " + service + " did not answer within its " + deadlineMs + " ms deadline.");
  }

  public String service() {
    return service;
  }

  public Kind kind() {
    return kind;
  }
}
