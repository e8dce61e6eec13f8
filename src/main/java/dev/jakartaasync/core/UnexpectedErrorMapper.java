package dev.jakartaasync.core;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last line: an error nobody anticipated becomes a 500 problem with an incident id. The stack
 * trace goes to the server log under that id, never to the client.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

  @Override
  public Response toResponse(Throwable error) {
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, error);
    return Problem.of(
            Response.Status.INTERNAL_SERVER_ERROR,
            "Unexpected error. The server log has the details under this incident id.")
        .with("incident", incident)
        .toResponse();
  }
}
