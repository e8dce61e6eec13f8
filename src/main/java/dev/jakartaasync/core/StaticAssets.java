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
 * Maps every file under {@code /static/} to the container's {@code default} servlet by its exact
 * path, at startup.
 *
 * <p>Why: {@code web.xml} maps the default servlet to {@code /static/*}, and servers disagree on
 * which file {@code /static/site.css} then means. Payara (like Tomcat) looks it up by the whole
 * path; WildFly's Undertow by the part after the mapping, {@code /site.css}, and answers 404. An
 * exact mapping has no part after it, so every server serves the same file. The paths come from the
 * WAR's own listing: an asset added under {@code webapp/static/} needs no configuration.
 */
@WebListener
public class StaticAssets implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(StaticAssets.class.getName());

  /** The container's static-file servlet: this name on Payara, GlassFish, WildFly, Open Liberty. */
  static final String DEFAULT_SERVLET = "default";

  static final String ROOT = "/static/";

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    ServletRegistration servlet = context.getServletRegistration(DEFAULT_SERVLET);
    if (servlet == null) {
      LOG.warning("No servlet named '" + DEFAULT_SERVLET + "': assets under " + ROOT + " may 404");
      return;
    }
    Set<String> files = filesUnder(ROOT, context::getResourcePaths);
    Set<String> taken = servlet.addMapping(files.toArray(String[]::new));
    if (!taken.isEmpty()) {
      LOG.warning("Mapped to another servlet already, not served as static files: " + taken);
    }
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
