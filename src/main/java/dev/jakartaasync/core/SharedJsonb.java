package dev.jakartaasync.core;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * One {@link Jsonb} for the whole application, handed to the JAX-RS runtime for every JSON body.
 *
 * <p>Without it, RESTEasy (WildFly) creates a new {@code Jsonb} for every response: {@code
 * JsonbBuilder.create()} looks the provider up with {@code ServiceLoader} and the new instance
 * introspects each record's class again. In a JFR profile of 1000 connections on {@code
 * /async-sleep} that was 40 % of the server's CPU (docs/EFFICIENCY-NOTES.md). A {@code Jsonb} is
 * thread-safe and meant to be reused; Jersey (Payara) asks this resolver too. Default settings, so
 * the bodies are the same as before.
 */
@Provider
public class SharedJsonb implements ContextResolver<Jsonb> {

  private final Jsonb jsonb = JsonbBuilder.create();

  @Override
  public Jsonb getContext(Class<?> type) {
    return jsonb;
  }
}
