package dev.jakartaasync.core;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The deployment of every integration test: the WAR this build produced ({@code app.war}, set by
 * failsafe), not a hand-picked subset of classes. Named ROOT.war so that Payara Micro, like
 * WildFly's jboss-web.xml, serves it at the context root.
 */
public final class TheWar {

  private TheWar() {}

  public static WebArchive asBuilt() {
    String path = System.getProperty("app.war", "target/jakarta-async.war");
    File war = new File(path);
    if (!war.isFile()) {
      throw new IllegalStateException("No WAR at " + war.getAbsolutePath() + ": run ./mvnw verify");
    }
    return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
  }
}
