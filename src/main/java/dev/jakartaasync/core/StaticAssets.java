package dev.jakartaasync.core;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Maps every file under {@code /static/} by its exact path to the container's {@code default}
 * servlet, at startup. JAX-RS owns {@code /*} (see {@link AsyncApplication}); an exact mapping
 * beats it, so the container still serves the pages' CSS and scripts.
 *
 * <p>Why exact paths and not {@code /static/*} in {@code web.xml}: with a prefix mapping, servers
 * disagree on which file {@code /static/site.css} means. Payara (like Tomcat) looks it up by the
 * whole path; WildFly's Undertow by the part after the mapping, {@code /site.css}, and answers 404.
 * An exact mapping has no part after it, so every server serves the same file. And Open Liberty has
 * no servlet named {@code default} at all (a {@code web.xml} mapping to it fails the deployment):
 * there {@link StaticFileServlet} takes its place. The paths come from the WAR's own listing: an
 * asset added under {@code webapp/static/} needs no configuration.
 */
@WebListener
public class StaticAssets implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(StaticAssets.class.getName());

  /** The container's static-file servlet: this name on Payara, GlassFish, WildFly, Tomcat. */
  static final String DEFAULT_SERVLET = "default";

  static final String ROOT = "/static/";

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    Set<String> files = filesUnder(ROOT, context::getResourcePaths);
    if (files.isEmpty()) {
      return;
    }
    ServletRegistration servlet = fileServlet(context);
    Set<String> taken = servlet.addMapping(files.toArray(String[]::new));
    if (!taken.isEmpty()) {
      LOG.warning("Mapped to another servlet already, not served as static files: " + taken);
    }
    LOG.info(() -> "Static files served by servlet '" + servlet.getName() + "': " + files);
  }

  private static ServletRegistration fileServlet(ServletContext context) {
    ServletRegistration servlet = context.getServletRegistration(DEFAULT_SERVLET);
    if (servlet != null) {
      return servlet;
    }
    return context.addServlet(StaticFileServlet.class.getSimpleName(), StaticFileServlet.class);
  }

  /**
   * Every file below {@code dir}, recursively. {@code listing} is {@link
   * ServletContext#getResourcePaths}: the direct children, folders ending in {@code /}, or null.
   */
  static Set<String> filesUnder(String dir, Function<String, Set<String>> listing) {
    Set<String> files = new TreeSet<>();
    Set<String> children = listing.apply(dir);
    if (children == null) {
      return files;
    }
    for (String child : children) {
      if (child.endsWith("/")) {
        files.addAll(filesUnder(child, listing));
      } else {
        files.add(child);
      }
    }
    return files;
  }
}
