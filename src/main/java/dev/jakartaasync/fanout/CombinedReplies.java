package dev.jakartaasync.fanout;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * The body of {@code /concurrent-requests}: the tutorial's {@code results}, in call order, plus
 * {@code elapsedMs}, the wall time of both calls together. About 1500 proves they overlapped; run
 * one after the other they would take 2500.
 */
@JsonbPropertyOrder({"results", "elapsedMs"})
public record CombinedReplies(List<ServiceReply> results, long elapsedMs) {}
