package dev.jakartaasync.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jakartaasync.core.HeadlessBrowser;
import dev.jakartaasync.core.TheWar;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code /chat-demo} in a real headless Chromium: two pages of the chat, a message typed in one
 * shows in both, and markup in a message shows as text. Skipped, with the reason, where Chromium or
 * chromedriver is not installed ({@code .ci/run} installs both).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatPageIT {

  static final Duration WAIT = Duration.ofSeconds(20);

  @Deployment(testable = false)
  static WebArchive war() {
    return TheWar.asBuilt();
  }

  @ArquillianResource URL base;

  private ChromeDriver alice;
  private ChromeDriver bob;

  @BeforeAll
  static void needsChromium() {
    HeadlessBrowser.assumeInstalled();
  }

  @AfterEach
  void closeBrowsers() {
    Stream.of(alice, bob).filter(d -> d != null).forEach(WebDriver::quit);
  }

  @Test
  void aMessageTypedInOnePageShowsInBoth() {
    alice = openChat();
    bob = openChat();

    say(alice, "Hello from Alice");

    for (WebDriver page : List.of(alice, bob)) {
      awaitMessage(page, "A user says: Hello from Alice");
    }
  }

  @Test
  void markupInAMessageShowsAsText() {
    alice = openChat();
    bob = openChat();
    String markup = "<img src=x onerror=alert(1)>";

    say(alice, markup);

    for (WebDriver page : List.of(alice, bob)) {
      awaitMessage(page, "A user says: " + markup);
      assertThat(page.findElements(By.cssSelector("#messages img"))).isEmpty();
      assertThatThrownBy(() -> page.switchTo().alert())
          .as("no script ran")
          .isInstanceOf(NoAlertPresentException.class);
    }
  }

  private ChromeDriver openChat() {
    ChromeDriver driver = HeadlessBrowser.open(base + "chat-demo");
    new WebDriverWait(driver, WAIT)
        .until(ExpectedConditions.textToBe(By.id("status"), "connected"));
    // Connected in the browser; in the room once the page has seen its own first line.
    String ready = "ready " + UUID.randomUUID();
    say(driver, ready);
    awaitMessage(driver, "A user says: " + ready);
    return driver;
  }

  private static void say(WebDriver page, String text) {
    WebElement input = page.findElement(By.id("message"));
    input.sendKeys(text);
    input.sendKeys(Keys.ENTER);
  }

  private static void awaitMessage(WebDriver page, String text) {
    new WebDriverWait(page, WAIT)
        .until(
            driver ->
                driver.findElements(By.cssSelector("#messages li")).stream()
                    .anyMatch(li -> li.getText().endsWith(text)));
  }
}
