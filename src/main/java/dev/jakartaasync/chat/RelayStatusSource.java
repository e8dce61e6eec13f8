package dev.jakartaasync.chat;

/**
 * Where {@code GET /chat/status} gets its {@code relay} object: a CDI bean of {@code chat.relay}
 * implements it. The chat package owns the interface so that the dependency runs one way only,
 * relay to chat.
 */
public interface RelayStatusSource {

  RelayStatus relayStatus();
}
