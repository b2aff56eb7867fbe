package vn.da06.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.dashboard.web.AuditLog;
import vn.da06.dashboard.web.DashboardApp;
import vn.da06.dashboard.web.SecurityTestAccess;
import vn.da06.dashboard.web.UserDirectory;
import vn.da06.goldread.FakeKpiStore;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.Tokens;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;

/**
 * The security regression suite (issue 25, docs/security.md "Attacks the suite replays"): each
 * attack that once got through the dashboard is replayed with its exact payload against a real
 * server (Jetty through Javalin, on a free port), and the test fails if any comes back. The Trino
 * attacks are replayed in TrinoAnalystsTest (on its one Trino server), the report and ingest ones
 * in ReportsConfigTest and TransformsTest.
 */
class AttackReplayTest {
  static final String PASSWORD = "mật khẩu thử 1";
  static final String TOKEN = Tokens.newToken();
  static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  static final Pattern NEXT = Pattern.compile("name=\"next\" value=\"([^\"]*)\"");

  @TempDir static Path dir;
  static Path usersFile;
  static Path auditFile;
  static AuditLog audit;
  static MutableClock clock = new MutableClock();
  static Javalin server;
  static String base;

  @BeforeAll
  static void start() {
    usersFile = dir.resolve("users.yaml");
    saveUsers(PASSWORD, true);
    auditFile = dir.resolve("logs/audit.jsonl");
    audit = new AuditLog(auditFile, AuditLog.DEFAULT_MAX_BYTES, 2, clock);
    DashboardApp app =
        new DashboardApp(
            FakeKpiStore.small(),
            new UserDirectory(usersFile, Duration.ZERO),
            audit,
            new DashboardApp.Settings(
                false,
                5,
                Duration.ofMinutes(15),
                Duration.ofMinutes(30),
                Duration.ofHours(12),
                Duration.ofSeconds(1), // the cap on sign-in delays: short, so the suite is quick
                Set.of("127.0.0.1"))); // each Client below is its own address behind this "proxy"
    SecurityTestAccess.sessionClock(app, clock);
    server = app.create().start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
    audit.close();
  }

  static void saveUsers(String xaPassword, boolean withXa) {
    String hash = Passwords.hash(PASSWORD.toCharArray());
    List<User> users = new ArrayList<>();
    users.add(new User("tinh", "20", Role.ADMIN, hash, Tokens.hash(TOKEN)));
    users.add(new User("xem", "20", Role.VIEWER, hash, null));
    if (withXa) {
      users.add(
          new User("xa", "06325", Role.VIEWER, Passwords.hash(xaPassword.toCharArray()), null));
    }
    new UsersFile(users).save(usersFile);
  }

  // ------------------------------------------------------------------ 1. open redirect

  @Test
  void nextAfterSignInNeverLeadsToAnotherSite() {
    List<String> payloads =
        List.of(
            "/\t/evil.example", // the reported one: Chromium strips the tab and goes to //evil
            "/\r\n/evil.example",
            "/\n/evil.example",
            "/\\evil.example",
            "/\\/evil.example",
            "//evil.example",
            "///evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%5Cevil.example",
            "/%5C%5Cevil.example",
            "/%09/evil.example",
            "/%0d%0a/evil.example",
            "/%252F%252Fevil.example",
            "https://evil.example",
            "http:evil.example",
            "javascript:alert(1)",
            " //evil.example",
            "/units/../../evil.example",
            "/%2e%2e/%2e%2e/evil.example",
            "/login?next=//evil.example",
            "/\u3000/evil.example");
    for (String payload : payloads) {
      Client client = new Client();
      HttpResponse<String> response = client.login("tinh", PASSWORD, payload);
      assertThat(response.statusCode()).as(payload).isEqualTo(302);
      assertThat(response.headers().firstValue("Location")).as(payload).hasValue("/");
    }
    // The exact request of the report: the GET that starts the flow.
    String form = new Client().get("/login?next=%2F%09%2Fevil.example").body();
    Matcher next = NEXT.matcher(form);
    assertThat(next.find()).isTrue();
    assertThat(next.group(1)).isEqualTo("/");
    // The control: a page of the app is where sign-in leads.
    HttpResponse<String> ok =
        new Client().login("tinh", PASSWORD, "/units/20/ranking?month=2025-07&metric=online_rate");
    assertThat(ok.headers().firstValue("Location"))
        .hasValue("/units/20/ranking?month=2025-07&metric=online_rate");
  }

  // ------------------------------------------------------------------ 2. lockout

  @Test
  void wrongPasswordsSlowTheNameAndTheAddressButNeverLockTheOwnerOut() throws Exception {
    Client attacker = new Client();
    for (int i = 0; i < 5; i++) {
      assertThat(attacker.login("xem", "sai mật khẩu " + i, "/").statusCode()).isEqualTo(401);
    }
    HttpResponse<String> owner = new Client().login("xem", PASSWORD, "/");
    assertThat(owner.statusCode()).as("five failures, then the right password").isEqualTo(302);

    for (int i = 1; i <= 20; i++) {
      assertThat(attacker.login("nobody" + i, "x", "/").statusCode()).isEqualTo(401);
    }
    HttpResponse<String> other = new Client().login("tinh", PASSWORD, "/");
    assertThat(other.statusCode())
        .as("twenty failures from this address, then another user's right password")
        .isEqualTo(302);
    assertThat(Files.readString(auditFile))
        .contains("\"event\":\"login_delayed\"")
        .doesNotContain("login_throttled", "sai mật khẩu");
  }

  @Test
  void xForwardedForIsBelievedOnlyFromAConfiguredProxy() throws Exception {
    Set<String> proxies = Set.of("10.0.0.1");
    assertThat(SecurityTestAccess.clientAddress("203.0.113.9", List.of("1.2.3.4"), proxies))
        .as("a client that is not a proxy writes the header itself")
        .isEqualTo("203.0.113.9");
    assertThat(SecurityTestAccess.clientAddress("10.0.0.1", List.of("1.2.3.4"), proxies))
        .isEqualTo("1.2.3.4");
    assertThat(
            SecurityTestAccess.clientAddress(
                "10.0.0.1", List.of("6.6.6.6, 1.2.3.4, 10.0.0.1"), proxies))
        .as("only the right-most hop the proxy added counts; the left part is the client's")
        .isEqualTo("1.2.3.4");
    assertThat(SecurityTestAccess.clientAddress("10.0.0.1", List.of("<script>"), proxies))
        .isEqualTo("10.0.0.1");
    // Through the real server: the proxy 127.0.0.1 forwards this client's address.
    Client client = new Client();
    client.login("xff.probe", "x", "/");
    audit.flush();
    assertThat(Files.readString(auditFile)).contains("\"ip\":\"" + client.address + "\"");
  }

  // ------------------------------------------------------------------ 3. audit log

  @Test
  void theAuditLogCannotBeFloodedOrPoisonedWithoutSigningIn() throws Exception {
    audit.flush();
    long before = Files.size(auditFile);
    Client client = new Client();
    client.login("Secret-Pass-123", "x", "/"); // a password typed into the name field
    String huge = "A".repeat(100_000);
    client.login(huge, "x", "/");
    client.login(huge, "x", "/");
    HttpResponse<String> token =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/units/20/" + "p".repeat(7_000)))
                .header("Authorization", "Bearer da06_wrong"));
    assertThat(token.statusCode()).isEqualTo(401);
    audit.flush();
    String log = Files.readString(auditFile);
    assertThat(log)
        .doesNotContain(
            "Secret-Pass-123",
            "AAAAAAAAAA",
            "pppppppppppppppppppppppppppppppppppppppp" + "p".repeat(200))
        .contains(
            "invalid, 15 characters", "invalid, 100000 characters", "\"event\":\"token_rejected\"");
    assertThat(Files.size(auditFile) - before)
        .as("bytes four anonymous requests add (100k names, 7 KB path)")
        .isLessThan(2_000);
    assertThat(log.lines().mapToInt(String::length).max().orElse(0)).isLessThan(1_000);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(auditFile)))
        .isEqualTo("rw-------");

    // A flood does not push the users' entries out of the administrator's view.
    for (int i = 0; i < 300; i++) {
      client.send(
          HttpRequest.newBuilder(URI.create(base + "/api/v1/units/20/kpis?flood=" + i))
              .header("Authorization", "Bearer da06_flood" + i));
    }
    Client admin = new Client();
    admin.login("tinh", PASSWORD, "/");
    String page = admin.get("/admin").body();
    assertThat(page).contains("data-event=\"login\"").doesNotContain("invalid, ");
  }

  @Test
  void everyReadOfUnitDataIsAuditedWithUserUnitAndMonthAndApiReadsAreCountedPerMinute()
      throws Exception {
    Client viewer = new Client();
    viewer.login("tinh", PASSWORD, "/");
    assertThat(viewer.get("/units/20/ranking?month=2025-07").statusCode()).isEqualTo(200);
    assertThat(viewer.get("/units/20/ranking/export/csv?table=league&month=2025-07").statusCode())
        .isEqualTo(200);
    Client script = new Client().bearer(TOKEN);
    for (int i = 0; i < 3; i++) {
      assertThat(script.get("/api/v1/units/06325/kpis?month=2025-07").statusCode()).isEqualTo(200);
    }
    clock.advance(Duration.ofMinutes(1));
    audit.flush();
    List<String> lines = Files.readAllLines(auditFile);
    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "\"event\":\"view\"",
                        "\"user\":\"tinh\"",
                        "\"unit\":\"20\"",
                        "\"page\":\"ranking\"",
                        "\"month\":\"2025-07\""))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("\"event\":\"export\"", "\"user\":\"tinh\"", "\"month\":\"2025-07\""))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "\"event\":\"api_read\"",
                        "\"user\":\"tinh\"",
                        "\"unit\":\"06325\"",
                        "\"requests\":3"));
    assertThat(
            lines.stream()
                .filter(line -> line.contains("\"unit\":\"06325\"") && line.contains("api_read")))
        .as("one line per token, unit and minute")
        .hasSize(1);
  }

  // ------------------------------------------------------------------ 5. sessions and headers

  @Test
  void aSessionEndsWhenThePasswordChangesOrTheUserIsRemovedOrAfterItsLifetime() throws Exception {
    Client xa = new Client();
    assertThat(xa.login("xa", PASSWORD, "/").statusCode()).isEqualTo(302);
    assertThat(xa.get("/units/06325").statusCode()).isEqualTo(200);
    saveUsers("mật khẩu mới 3456", true);
    assertThat(xa.get("/units/06325").statusCode()).as("after a password change").isEqualTo(302);

    assertThat(xa.login("xa", "mật khẩu mới 3456", "/").statusCode()).isEqualTo(302);
    assertThat(xa.get("/units/06325").statusCode()).isEqualTo(200);
    saveUsers(PASSWORD, false);
    assertThat(xa.get("/units/06325").statusCode()).as("after removal").isEqualTo(302);
    saveUsers(PASSWORD, true);

    Client tinh = new Client();
    tinh.login("tinh", PASSWORD, "/");
    assertThat(tinh.get("/units/20").statusCode()).isEqualTo(200);
    clock.advance(Duration.ofHours(12).plusMinutes(1));
    HttpResponse<String> old = tinh.get("/units/20");
    assertThat(old.statusCode()).as("12 hours after sign-in").isEqualTo(302);
    assertThat(old.headers().firstValue("Location").orElseThrow()).startsWith("/login");
    assertThat(Files.readString(auditFile))
        .contains("\"reason\":\"password changed\"", "\"reason\":\"user removed\"");
  }

  @Test
  void theLoginFormIsNotCachedAndJettysOwnErrorsCarryTheSecurityHeaders() throws Exception {
    Client client = new Client();
    HttpResponse<String> login = client.get("/login");
    assertThat(login.headers().firstValue("Cache-Control")).hasValue("no-store");
    Map<String, String> answers = new LinkedHashMap<>();
    answers.put("414", raw("/units/20?x=" + "a".repeat(20_000), ""));
    answers.put("431", raw("/login", "X-Big: " + "a".repeat(20_000) + "\r\n"));
    answers.put("400 ambiguous", raw("/static/%2e%2e/%2e%2e/etc/passwd", ""));
    answers.put("400 encoded slash", raw("/static/..%2f..%2f..%2fetc%2fpasswd", ""));
    answers.put("400 bad escape", raw("/units/%zz", ""));
    answers.put("400 raw dot-dot", raw("/static/../../etc/passwd", ""));
    answers.forEach(
        (what, response) -> {
          assertThat(response).as(what).startsWith("HTTP/1.1 4");
          assertThat(response)
              .as(what)
              .containsIgnoringCase("Content-Security-Policy: default-src 'self'")
              .containsIgnoringCase("X-Frame-Options: DENY")
              .containsIgnoringCase("X-Content-Type-Options: nosniff")
              .doesNotContain("at org.eclipse", "Exception", "Jetty(");
        });
    assertThat(answers.get("414")).startsWith("HTTP/1.1 414");
    assertThat(answers.get("431")).startsWith("HTTP/1.1 431");
  }

  @Test
  void unauthenticatedBadRequestsLogOneLineNotAStackTrace() {
    List<String> payloads =
        List.of(
            "/static/../../etc/passwd",
            "/static/..%2f..%2f..%2fetc%2fpasswd",
            "/static/%2e%2e/%2e%2e/etc/passwd",
            "/webjars/..%5c..%5cetc%5cpasswd",
            "/units/..%2f..%2fetc",
            "/static/..;/..;/etc/passwd",
            "/static/a%00.js",
            "/%",
            "/units/%ff");
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      for (String payload : payloads) {
        assertThat(raw(payload, "")).as(payload).matches("(?s)HTTP/1.1 (302|400|404) .*");
      }
      // A form body that cannot be decoded, before any session exists.
      new Client()
          .send(
              HttpRequest.newBuilder(URI.create(base + "/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("_csrf=%zz&name=%")));
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).doesNotContain("\tat ", "Exception:\n");
    assertThat(log.lines().count()).isLessThanOrEqualTo(payloads.size() + 1);
  }

  @Test
  void aServerBeyondLoopbackNeedsTlsOrAnExplicitInsecureFlag() {
    assertThatThrownBy(() -> SecurityTestAccess.checkTransport("0.0.0.0", false, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--secure-cookies")
        .hasMessageContaining("--insecure-http");
    assertThat(SecurityTestAccess.checkTransport("0.0.0.0", false, true))
        .contains("WARNING: serving plain HTTP");
    assertThat(SecurityTestAccess.checkTransport("0.0.0.0", true, false)).isEmpty();
    assertThat(SecurityTestAccess.checkTransport("127.0.0.1", false, false)).isEmpty();
  }

  // ------------------------------------------------------------------ a browser-like client

  /** The head of the answer to a GET sent as raw bytes: paths no URI class would let through. */
  static String raw(String target, String headers) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET "
                      + target
                      + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + headers
                      + "Connection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static final java.util.concurrent.atomic.AtomicInteger ADDRESSES =
      new java.util.concurrent.atomic.AtomicInteger();

  static HttpRequest.BodyPublisher form(Map<String, String> fields) {
    return HttpRequest.BodyPublishers.ofString(
        fields.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&")));
  }

  final class Client {
    private final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private String token;
    final String address = "198.51.100." + (1 + ADDRESSES.getAndIncrement() % 250);

    Client bearer(String value) {
      token = value;
      return this;
    }

    HttpResponse<String> get(String path) {
      return send(HttpRequest.newBuilder(URI.create(base + path)));
    }

    String csrf() {
      Matcher matcher = CSRF.matcher(get("/login").body());
      assertThat(matcher.find()).isTrue();
      return matcher.group(1);
    }

    HttpResponse<String> login(String name, String password, String next) {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("_csrf", csrf());
      fields.put("name", name);
      fields.put("password", password);
      fields.put("next", next);
      return send(
          HttpRequest.newBuilder(URI.create(base + "/login"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(form(fields)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      request.header("X-Forwarded-For", address);
      try {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** A clock the test moves: sessions' lifetime and the audit log's minutes. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.now();

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
