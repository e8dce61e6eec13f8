package dev.jakartaasync.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jakartaasync.core.TheWar;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Graceful stop: notifications accepted but still waiting out their 3 s are written when the
 * application goes, not dropped.
 *
 * <p>What "undeploy" means here: the Payara Micro Arquillian connector runs one server process per
 * deployment, and its undeploy is {@code Process.destroy()}, a SIGTERM. So this test stops the
 * whole server right after posting, the harshest graceful case: Payara's shutdown hook stops the
 * application, CDI destroys {@link BackgroundNotifications}, its {@code @PreDestroy} writes what is
 * pending.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationGracefulStopIT {

  static final String STOPPING = "stopping";
  static final int PENDING = 20;

  @Deployment(name = STOPPING, managed = false, testable = false)
  static WebArchive war() {
    return TheWar.asBuilt();
  }

  @ArquillianResource Deployer deployer;

  final NotificationLogFile log = NotificationLogFile.ofTheTestServer();

  @Test
  @Order(1)
  void deploy() {
    deployer.deploy(STOPPING);
  }

  @Test
  @Order(2)
  @OperateOnDeployment(STOPPING)
  void pendingNotificationsAreWrittenWhenTheServerStops(@ArquillianResource URL base) {
    String marker = "stop-" + UUID.randomUUID();
    List<LocalDateTime> postedAt = new ArrayList<>();
    for (int i = 0; i < PENDING; i++) {
      postedAt.add(LocalDateTime.now());
      given()
          .baseUri(base.toString())
          .post("/send-notification/?email=ops@example.com&message=" + marker + "-" + i)
          .then()
          .statusCode(202);
    }

    deployer.undeploy(STOPPING);

    List<String> lines = log.await(marker, l -> l.size() >= PENDING, Duration.ofSeconds(20));
    assertThat(lines).hasSize(PENDING);
    for (int i = 0; i < PENDING; i++) {
      String suffix = marker + "-" + i;
      assertThat(lines)
          .as("exactly once: " + suffix)
          .filteredOn(l -> l.endsWith(suffix))
          .hasSize(1);
    }
    // The proof that the stop wrote them, not their timers: the last one accepted was written
    // before its 3 s were up.
    String last =
        lines.stream()
            .filter(l -> l.endsWith(marker + "-" + (PENDING - 1)))
            .findFirst()
            .orElseThrow();
    LocalDateTime writtenAt =
        LocalDateTime.parse(
            last.substring(0, 26), DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS"));
    assertThat(writtenAt).isBefore(postedAt.get(PENDING - 1).plusSeconds(3));
  }
}
