package dev.jakartaasync.notification;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * The background worker: an EJB whose {@code @Asynchronous} method the caller invokes and forgets.
 * The container queues the call and runs it on its EJB async thread pool, with the application's
 * context (naming, security, class loader) in place.
 *
 * <p>Why {@code jakarta.ejb.Asynchronous} and not {@code
 * jakarta.enterprise.concurrent.Asynchronous} (Jakarta Concurrency 3.0, for CDI beans that are not
 * EJBs)? The design card asks for the EJB one, and it has been in every Jakarta EE server for
 * years; the Concurrency one hands the caller a {@code CompletableFuture} and lets you pick the
 * executor.
 *
 * <p>The method is {@code void}, and an exception thrown from a {@code void} async EJB method is
 * lost silently: nothing is thrown here. {@link BackgroundNotifications#writeDue} reports every
 * failure itself (server log and counter). It also holds the writing, so that the shutdown drain
 * can run the very same code without depending on the EJB container, which may already be stopping.
 */
@Stateless
public class NotificationWriter {

  @Inject BackgroundNotifications notifications;

  /** Writes every notification whose delay is over, in one append (see BackgroundNotifications). */
  @Asynchronous
  public void writeDue() {
    notifications.writeDue();
  }
}
