package dev.jakartaasync.core;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * Serves one of the WAR's files by its exact path, on servers that have no servlet named {@code
 * default} (Open Liberty serves files without one). {@link StaticAssets} maps it only to the exact
 * paths of the files it found under {@code /static/}, so it can never be asked for anything else.
 */
public class StaticFileServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getServletPath();
    try (InputStream file = getServletContext().getResourceAsStream(path)) {
      if (file == null) {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
        return;
      }
      String type = getServletContext().getMimeType(path);
      response.setContentType(type == null ? "application/octet-stream" : type);
      file.transferTo(response.getOutputStream());
    }
  }
}
