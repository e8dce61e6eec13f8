package dev.jakartaasync.core;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * Activates JAX-RS at the context root so the tutorial's URLs stay exactly as they are ({@code
 * /async-sleep}, not {@code /api/async-sleep}).
 *
 * <p>The price: JAX-RS now owns {@code /*}, so the container no longer serves static files there.
 * Pages are served by {@link Pages}; their assets by the container's default servlet, mapped at
 * startup to each file's exact path under {@code /static/} by {@link StaticAssets} (an exact path
 * beats {@code /*}).
 */
@ApplicationPath("/")
public class AsyncApplication extends Application {}
