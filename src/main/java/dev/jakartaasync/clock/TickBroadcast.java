package dev.jakartaasync.clock;

/**
 * Where the ticker publishes each second: the one seam of the fan-out.
 *
 * <p>Today the only implementation is {@link SseSubscribers}, this server's own SSE streams. A
 * cluster transport (say Payara's clustered CDI events) would be another implementation that
 * forwards each tick to the other members' {@link SseSubscribers}; neither the ticker nor the
 * resource would change.
 */
public interface TickBroadcast {

  void publish(ClockTick tick);
}
