package vn.da06.dashboard.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The rules below the routes: the security headers every answer carries (Jetty's own 400, 414 and
 * 431 included), and which address a request comes from when a proxy forwards it.
 */
final class WebSecurity {
  /**
   * No inline script anywhere; inline style only because ECharts positions its tooltips with it.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; "
          + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
          + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

  static final Map<String, String> HEADERS = headers();

  private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

  private WebSecurity() {}

  private static Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Referrer-Policy", "same-origin");
    headers.put("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    headers.put("Cross-Origin-Opener-Policy", "same-origin");
    return Map.copyOf(headers);
  }

  /**
   * The client's address: the peer's, unless the peer is one of {@code trustedProxies}; then the
   * right-most address of {@code X-Forwarded-For} that is not a trusted proxy (the left part of the
   * header is whatever the client wrote). A value that is not an IP address is not believed.
   */
  static String clientAddress(HttpServletRequest request, Set<String> trustedProxies) {
    String peer = request.getRemoteAddr();
    if (trustedProxies.isEmpty() || !trustedProxies.contains(peer)) {
      return peer;
    }
    List<String> forwarded =
        request.getHeaders("X-Forwarded-For") == null
            ? List.of()
            : java.util.Collections.list(request.getHeaders("X-Forwarded-For"));
    String client = peer;
    outer:
    for (int h = forwarded.size() - 1; h >= 0; h--) {
      String[] hops = forwarded.get(h).split(",");
      for (int i = hops.length - 1; i >= 0; i--) {
        String hop = hops[i].trim();
        if (!ADDRESS.matcher(hop).matches()) {
          break outer; // not an address: stop believing the header here
        }
        client = hop;
        if (!trustedProxies.contains(hop)) {
          break outer;
        }
      }
    }
    return client;
  }

  /**
   * Jetty's error answers (a request line or header it cannot parse, a URI or header too long, an
   * ambiguous path): the security headers, no stack, no server version, no cache.
   */
  static ErrorHandler errorHandler() {
    ErrorHandler handler =
        new ErrorHandler() {
          @Override
          public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            HEADERS.forEach(fields::put);
            fields.put("Cache-Control", "no-store");
            return super.badMessageError(status, reason, fields);
          }

          @Override
          public void handle(
              String target,
              Request baseRequest,
              HttpServletRequest request,
              HttpServletResponse response)
              throws IOException, jakarta.servlet.ServletException {
            HEADERS.forEach(response::setHeader);
            response.setHeader("Cache-Control", "no-store");
            super.handle(target, baseRequest, request, response);
          }
        };
    handler.setShowStacks(false);
    handler.setShowServlet(false);
    handler.setShowMessageInTitle(false);
    return handler;
  }
}
