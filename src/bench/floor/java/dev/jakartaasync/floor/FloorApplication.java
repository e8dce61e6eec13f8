package dev.jakartaasync.floor;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS at the root, as in the product; the servlet's exact path still wins over it. */
@ApplicationPath("/")
public class FloorApplication extends Application {}
