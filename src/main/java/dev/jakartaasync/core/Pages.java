package dev.jakartaasync.core;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The HTML pages at their tutorial URLs. Because JAX-RS owns {@code /*} (see {@link
 * AsyncApplication}), the container would not serve them; this resource does, from {@code
 * WEB-INF/pages} in the WAR. Their CSS and scripts are plain static files under {@code /static/}.
 */
@Path("")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class Pages {

  @Context ServletContext servletContext;

  @GET
  public String index() {
    return page("index.html");
  }

  @GET
  @Path("chat-demo")
  public String chatDemo() {
    return page("chat-demo.html");
  }

  @GET
  @Path("stream-demo")
  public String streamDemo() {
    return page("stream-demo.html");
  }

  private String page(String name) {
    try (InputStream in = servletContext.getResourceAsStream("/WEB-INF/pages/" + name)) {
      if (in == null) {
        throw new NotFoundException(name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
