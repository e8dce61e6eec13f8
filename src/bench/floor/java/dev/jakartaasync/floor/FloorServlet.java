package dev.jakartaasync.floor;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The server's floor for a plain request: a servlet that writes the constant chapter 1 answer. What
 * a request costs the container (connection, parsing, filter chain, response) with no application
 * in it. Bench-only (bench/run builds it into target/fl.war): not part of the product.
 */
@WebServlet("/floor/servlet")
public class FloorServlet extends HttpServlet {

  private static final byte[] BODY = FloorResource.MESSAGE.getBytes(StandardCharsets.UTF_8);

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("application/json");
    response.setContentLength(BODY.length);
    response.getOutputStream().write(BODY);
  }
}
