package vn.da06.dashboard.web;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import vn.da06.dashboard.cli.DashboardCliAccess;

/** Package-private parts of the web layer the security suite (another package) drives. */
public final class SecurityTestAccess {
  private SecurityTestAccess() {}

  public static void sessionClock(DashboardApp app, Clock clock) {
    app.sessionClock(clock);
  }

  /** The client address {@link WebSecurity} takes from a request of {@code peer}. */
  public static String clientAddress(
      String peer, java.util.List<String> forwardedFor, java.util.Set<String> proxies) {
    jakarta.servlet.http.HttpServletRequest request =
        (jakarta.servlet.http.HttpServletRequest)
            java.lang.reflect.Proxy.newProxyInstance(
                SecurityTestAccess.class.getClassLoader(),
                new Class<?>[] {jakarta.servlet.http.HttpServletRequest.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getRemoteAddr" -> peer;
                      case "getHeaders" ->
                          "X-Forwarded-For".equalsIgnoreCase((String) args[0])
                              ? java.util.Collections.enumeration(forwardedFor)
                              : java.util.Collections.emptyEnumeration();
                      default -> null;
                    });
    return WebSecurity.clientAddress(request, proxies);
  }

  /** What {@code serve} prints about its transport for these options; throws when it refuses. */
  public static String checkTransport(String host, boolean secureCookies, boolean insecureHttp) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DashboardCliAccess.checkTransport(
        host,
        secureCookies,
        insecureHttp,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        Path.of("unused"),
        Duration.ofSeconds(30));
    return out.toString(StandardCharsets.UTF_8);
  }
}
