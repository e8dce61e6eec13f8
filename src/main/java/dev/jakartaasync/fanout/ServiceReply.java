package dev.jakartaasync.fanout;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** What one simulated service answers: {@code {"service":"one","data":"some data"}}. */
@JsonbPropertyOrder({"service", "data"})
public record ServiceReply(String service, String data) {}
