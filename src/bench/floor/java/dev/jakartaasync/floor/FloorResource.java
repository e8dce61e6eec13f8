package dev.jakartaasync.floor;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;

/**
 * The server's floor for chapter 1's shape: a JAX-RS request suspended with {@code @Suspended} and
 * resumed at once, on the request thread, with the constant answer (a String: no JSON-B, no
 * executor, no timer). Everything {@code /async-sleep} costs above this is the application's.
 */
@Path("floor/suspended")
public class FloorResource {

  static final String MESSAGE = "{\"message\":\"Slept for 1 second!\"}";

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public void get(@Suspended AsyncResponse response) {
    response.resume(MESSAGE);
  }
}
