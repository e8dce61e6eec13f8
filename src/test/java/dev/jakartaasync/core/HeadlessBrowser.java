package dev.jakartaasync.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The real browser of the page tests: Debian's Chromium driven through its chromedriver by
 * Selenium. Both are pointed at explicitly, so Selenium Manager never tries to download a browser.
 */
public final class HeadlessBrowser {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessBrowser() {}

  /** Skips the calling test, saying why, where Chromium or chromedriver is not installed. */
  public static void assumeInstalled() {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Browser test skipped: needs "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + " (Debian: apt-get install chromium chromium-driver; .ci/run does this)");
  }

  /** A fresh headless Chromium (own empty profile) showing {@code url}. Quit it when done. */
  public static ChromeDriver open(String url) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // Without the background-networking flags Chromium keeps calling home, refused here.
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + freshProfile());
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.get(url);
    return driver;
  }

  private static Path freshProfile() {
    try {
      return Files.createTempDirectory("headless-browser-profile");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
