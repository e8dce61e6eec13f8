package dev.jakartaasync.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * Chapter 3, {@code POST /send-notification/}: answers {@code 202 Accepted} at once and leaves the
 * slow part, writing the notification to the log three seconds later, to the background ({@link
 * BackgroundNotifications}, then the {@code @Asynchronous} EJB {@link NotificationWriter}).
 *
 * <p>{@code email} and {@code message} come as query parameters, like the tutorial's, or as an HTML
 * form body ({@code application/x-www-form-urlencoded}); a query parameter wins over a form field
 * of the same name. Any other body type is a 415.
 */
@Path("send-notification")
@ApplicationScoped
public class NotificationResource {

  static final SentMessage SENT = new SentMessage("Notification sent in the background");

  @Inject BackgroundNotifications notifications;

  public record SentMessage(String message) {}

  /**
   * A form body. The form arrives as the entity, not as {@code @FormParam}s: Jersey refuses
   * {@code @FormParam} on a request that has no body and no {@code Content-Type}.
   */
  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  public Response sendForm(
      @QueryParam("email") String email, @QueryParam("message") String message, Form form) {
    MultivaluedMap<String, String> fields =
        form == null ? new MultivaluedHashMap<>() : form.asMap();
    return accept(
        email != null ? email : fields.getFirst("email"),
        message != null ? message : fields.getFirst("message"));
  }

  /**
   * No body at all: the tutorial's own {@code curl -X POST "...?email=...&message=..."}, which
   * sends no {@code Content-Type}. RESTEasy (WildFly) does not match such a request to a method
   * that consumes forms (it answers 415), so it has a method of its own. A body of any other type
   * is still a 415.
   */
  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public Response sendQuery(
      @QueryParam("email") String email,
      @QueryParam("message") String message,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
    if (contentType != null) {
      throw new NotSupportedException("Send a form body or query parameters, not " + contentType);
    }
    return accept(email, message);
  }

  private Response accept(String email, String message) {
    notifications.send(Notification.of(email, message));
    return Response.accepted(SENT).build();
  }

  /** Counters since start: accepted, written, failed, still pending. */
  @GET
  @Path("status")
  @Produces(MediaType.APPLICATION_JSON)
  public NotificationStatus status() {
    return notifications.status();
  }
}
