package dev.jakartaasync.core;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.StatusType;
import java.util.Map;

/**
 * An RFC 9457 problem detail: the one shape of every error this application answers with.
 *
 * <p>{@code type} stays {@code about:blank} (the status says it all) unless a chapter names a more
 * specific one; extension members carry machine-readable facts such as the offending field.
 */
public record Problem(StatusType status, String detail, Map<String, String> extensions) {

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

  public Problem {
    extensions = Map.copyOf(extensions);
  }

  public static Problem of(StatusType status, String detail) {
    return new Problem(status, detail, Map.of());
  }

  /** A 400 that names the request parameter or field at fault. */
  public static Problem badInput(String field, String detail) {
    return new Problem(Response.Status.BAD_REQUEST, detail, Map.of("field", field));
  }

  public Problem with(String member, String value) {
    var more = new java.util.HashMap<>(extensions);
    more.put(member, value);
    return new Problem(status, detail, more);
  }

  /** The JSON body. Built with JSON-P so it needs no provider for {@code +json} media types. */
  public String toJson() {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("type", "about:blank")
            .add("title", status.getReasonPhrase())
            .add("status", status.getStatusCode())
            .add("detail", detail);
    extensions.forEach(json::add);
    return json.build().toString();
  }

  public Response toResponse() {
    return Response.status(status).type(PROBLEM_JSON).entity(toJson()).build();
  }
}
