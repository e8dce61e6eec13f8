package dev.jakartaasync.core;

import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTML pages at their tutorial URLs. Because JAX-RS owns {@code /*} (see {@link
 * AsyncApplication}), the container would not serve them; this resource does, from {@code
 * WEB-INF/pages} in the WAR. Their CSS and scripts are plain static files under {@code /static/}.
 */
@Path("")
@ApplicationScoped
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class Pages {

  @Context ServletContext servletContext;

  /** The pages never change while the WAR is deployed: read each once. */
  private final Map<String, String> cache = new ConcurrentHashMap<>();

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
    return cache.computeIfAbsent(name, this::read);
  }

  private String read(String name) {
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
