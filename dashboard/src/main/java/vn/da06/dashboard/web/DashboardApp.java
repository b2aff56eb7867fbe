package vn.da06.dashboard.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.session.SessionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.da06.goldread.DataVersion;
import vn.da06.goldread.GoldData;
import vn.da06.goldread.KpiStore;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardView;
import vn.da06.goldread.WarehouseUnavailableException;
import vn.da06.warehouse.Goals;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.Steering;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.User;

/**
 * The dashboard's routes and the rules every request passes: security headers, sign-in (session
 * cookie or {@code Authorization: Bearer}), CSRF tokens on state-changing requests, unit scope (in
 * {@link Access}), and the mapping of expected errors to pages a person can read.
 *
 * <p>Over 400 lines on purpose: every rule a request passes (headers, sign-in, CSRF, unit scope,
 * error pages) is in this one class so that a security review reads it in one place.
 */
public final class DashboardApp {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardApp.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SESSION_USER = "user";
  private static final String SESSION_CSRF = "csrf";
  private static final String SESSION_SINCE = "since";
  private static final String SESSION_CREDENTIAL = "credential";

  /**
   * No inline script anywhere; inline style only because ECharts positions its tooltips with it.
   */
  static final String CONTENT_SECURITY_POLICY = WebSecurity.CONTENT_SECURITY_POLICY;

  /**
   * How the server behaves (docs/security.md): {@code secureCookies} when it is served over HTTPS
   * (behind a proxy); sign-in attempts are free up to {@code maxLoginFailures} failures per name
   * ({@code 4 ×} per address) within {@code loginWindow}, then wait 1 s, 2 s, 4 s… up to {@code
   * maxLoginDelay}; a session ends after {@code sessionIdle} without a request and {@code
   * sessionLifetime} after sign-in; {@code X-Forwarded-For} is believed only from {@code
   * trustedProxies}.
   */
  public record Settings(
      boolean secureCookies,
      int maxLoginFailures,
      Duration loginWindow,
      Duration sessionIdle,
      Duration sessionLifetime,
      Duration maxLoginDelay,
      java.util.Set<String> trustedProxies) {
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);
    public static final Duration DEFAULT_MAX_LOGIN_DELAY = Duration.ofSeconds(30);

    public Settings {
      trustedProxies = java.util.Set.copyOf(trustedProxies);
      if (sessionIdle.isNegative() || sessionIdle.isZero() || sessionLifetime.isNegative()) {
        throw new IllegalArgumentException(
            "Cannot keep sessions for " + sessionIdle + " / " + sessionLifetime + ": use > 0");
      }
    }

    /** The defaults for the session lifetime, the longest sign-in delay and proxies. */
    public Settings(
        boolean secureCookies, int maxLoginFailures, Duration loginWindow, Duration sessionIdle) {
      this(
          secureCookies,
          maxLoginFailures,
          loginWindow,
          sessionIdle,
          DEFAULT_LIFETIME,
          DEFAULT_MAX_LOGIN_DELAY,
          java.util.Set.of());
    }

    public static Settings defaults() {
      return new Settings(false, 5, Duration.ofMinutes(15), DEFAULT_IDLE);
    }
  }

  private final KpiStore store;
  private final UserDirectory users;
  private final AuditLog audit;
  private final Settings settings;
  private final LoginThrottle throttle;
  private final ApiController api;
  private final AdminPage admin;
  private final Goals goals;
  private Clock clock = Clock.systemUTC();
  private Steering steering = Steering.DEFAULT;
  private MonthlyReports reports = MonthlyReports.NONE;
  private WardBoundaries boundaries;
  private Clock sessionClock = Clock.systemUTC();

  public DashboardApp(KpiStore store, UserDirectory users, AuditLog audit, Settings settings) {
    this(store, users, audit, settings, Goals.DEFAULT);
  }

  /**
   * A dashboard whose colours judge figures against {@code goals} where no live target applies
   * ({@code config/goals.yaml}).
   */
  public DashboardApp(
      KpiStore store, UserDirectory users, AuditLog audit, Settings settings, Goals goals) {
    this.goals = java.util.Objects.requireNonNull(goals, "goals is null");
    this.store = store;
    this.users = users;
    this.audit = audit;
    this.settings = settings;
    this.throttle =
        new LoginThrottle(
            settings.maxLoginFailures(),
            settings.loginWindow(),
            settings.maxLoginDelay(),
            () -> sessionClock.instant());
    this.api = new ApiController(store, goals);
    this.admin = new AdminPage(users, audit);
  }

  /**
   * The clock pages judge "today" by (live targets, reports due, yesterday's daily reports): the
   * system's unless a test or {@code serve --today} sets one.
   */
  public DashboardApp clock(Clock clock) {
    this.clock = java.util.Objects.requireNonNull(clock, "clock is null");
    return this;
  }

  /**
   * The scorecard's weights and whether ward users see other wards ({@code config/steering.yaml}):
   * the defaults unless set.
   */
  public DashboardApp steering(Steering newSteering) {
    this.steering = java.util.Objects.requireNonNull(newSteering, "steering is null");
    api.steering(newSteering);
    return this;
  }

  /**
   * The monthly reports due (config/reports.yaml's units) and made (the warehouse's ops.reports),
   * for the to-do list; none unless set.
   */
  public DashboardApp monthlyReports(java.nio.file.Path warehouse, java.nio.file.Path config) {
    this.reports = MonthlyReports.load(warehouse, config);
    return this;
  }

  /** The communes' boundaries the ward map draws ({@code serve --boundaries}); none: null. */
  public DashboardApp boundaries(WardBoundaries boundaries) {
    this.boundaries = boundaries;
    return this;
  }

  /** The clock sessions and sign-in delays are judged by (tests set one). */
  DashboardApp sessionClock(Clock clock) {
    this.sessionClock = java.util.Objects.requireNonNull(clock, "clock is null");
    return this;
  }

  /** The configured server, not started (JavalinTest starts it on a free port). */
  public Javalin create() {
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              // The chart bundle's name carries its content's hash: browsers keep it a year.
              config.staticFiles.add(
                  files -> {
                    files.hostedPath = "/static/vendor";
                    files.directory = "/static/vendor";
                    files.location = Location.CLASSPATH;
                    files.precompress = true;
                    files.headers = Map.of("Cache-Control", "public, max-age=31536000, immutable");
                  });
              config.staticFiles.add(
                  files -> {
                    files.hostedPath = "/static";
                    files.directory = "/static";
                    files.location = Location.CLASSPATH;
                  });
              config.jetty.modifyServletContextHandler(
                  handler -> {
                    handler.setSessionHandler(sessionHandler());
                    handler.setErrorHandler(WebSecurity.errorHandler());
                  });
              config.jetty.modifyServer(
                  server -> server.setErrorHandler(WebSecurity.errorHandler()));
              config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
              config.contextResolver.ip =
                  ctx -> WebSecurity.clientAddress(ctx.req(), settings.trustedProxies());
              config.http.defaultContentType = "text/html; charset=utf-8";
              config.events.serverStopped(audit::flush); // repeats and API counts pending
            });
    app.before(this::guard);
    app.before("/units/*", ctx -> ctx.attribute(WardBoundaries.ATTRIBUTE, boundaries));
    app.get(
        "/health",
        ctx -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("status", "ok");
          try {
            body.put("data_version", store.current().version().version());
          } catch (WarehouseUnavailableException e) {
            body.put("data_version", null);
          }
          ctx.json(body);
        });
    app.get("/login", this::loginPage);
    app.post("/login", this::login);
    app.post("/logout", this::logout);
    app.get(
        "/",
        ctx -> {
          User user = ctx.attribute(Access.USER);
          ctx.redirect("/units/" + user.unit() + langQuery(ctx));
        });
    app.get("/units/{unitCode}", ctx -> page(ctx, "overview"));
    app.get("/units/{unitCode}/{page}", ctx -> page(ctx, ctx.pathParam("page")));
    app.get("/units/{unitCode}/{page}/export/{format}", this::export);
    app.get("/admin", ctx -> admin.show(ctx, store.current(), csrf(ctx), goals, clock));
    app.get(
        "/api/v1/units/{unitCode}/kpis",
        ctx -> {
          api.unitKpis(ctx);
          countRead(ctx);
        });
    app.get(
        "/api/v1/units/{unitCode}/wards",
        ctx -> {
          api.unitWards(ctx);
          countRead(ctx);
        });
    app.get(
        "/api/v1/units/{unitCode}/scorecard",
        ctx -> {
          api.unitScorecard(ctx);
          countRead(ctx);
        });
    app.get("/api/v1/metrics", api::metrics);
    app.get("/api/v1/me", api::me);

    app.exception(
        DashboardException.class,
        (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.vietnamese()));
    app.exception(
        WarehouseUnavailableException.class, (e, ctx) -> unavailable(ctx, e.getMessage()));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          if (ctx.attribute(Access.USER) == null) {
            // Not signed in: one line, not a stack an anonymous client can fill the log with.
            LOG.warn(
                "Refused {} {} from {}: {}",
                ctx.method(),
                AuditLog.bounded(ctx.path()),
                ctx.ip(),
                AuditLog.bounded(e.getClass().getSimpleName() + ": " + e.getMessage()));
            error(ctx, 400, "Cannot answer this request: it is not one this server understands");
            return;
          }
          LOG.error("Bug while answering {} {}", ctx.method(), AuditLog.bounded(ctx.path()), e);
          error(
              ctx,
              500,
              "Cannot answer this request: an internal error happened (it is in the server log)");
        });
    app.error(
        404,
        ctx -> {
          if (ctx.result() == null || ctx.result().isEmpty()) {
            error(
                ctx,
                404,
                "Cannot find " + AuditLog.bounded(ctx.path()) + ": there is no such page");
          }
        });
    return app;
  }

  private SessionHandler sessionHandler() {
    SessionHandler sessions = new SessionHandler();
    sessions.setSessionCookie("DA06SESSION");
    sessions.setHttpOnly(true);
    sessions.setSameSite(HttpCookie.SameSite.LAX);
    sessions.setSecureRequestOnly(true);
    if (settings.secureCookies()) {
      sessions.getSessionCookieConfig().setSecure(true);
    }
    sessions.setMaxInactiveInterval((int) Math.max(1, settings.sessionIdle().toSeconds()));
    sessions.setSessionTrackingModes(java.util.Set.of(jakarta.servlet.SessionTrackingMode.COOKIE));
    return sessions;
  }

  // ------------------------------------------------------------------ rules for every request

  private void guard(Context ctx) {
    WebSecurity.HEADERS.forEach(ctx::header);
    String path = ctx.path();
    if (path.equals("/login")) {
      ctx.header("Cache-Control", "no-store"); // the form holds a CSRF token
    }
    if (isPublic(path)) {
      return;
    }
    ctx.header("Cache-Control", "no-store");
    String authorization = ctx.header("Authorization");
    if (authorization != null) {
      if (!authorization.startsWith("Bearer ")) {
        ctx.header("WWW-Authenticate", "Bearer");
        throw new DashboardException(
            401, "Cannot sign in: use Authorization: Bearer <token> (./da06 users token NAME)");
      }
      Optional<User> user = users.byToken(authorization.substring("Bearer ".length()).trim());
      if (user.isEmpty()) {
        audit.record("token_rejected", null, ctx.ip(), Map.of("path", path));
        ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        throw new DashboardException(
            401,
            "Cannot sign in: the token is not valid (issue a new one with ./da06 users token NAME)");
      }
      ctx.attribute(Access.USER, user.get());
      Access.require(ctx, Role.ANALYST, "data to a script with an API token");
      return; // no cookie, so no CSRF
    }
    Optional<User> user = sessionUser(ctx);
    if (user.isEmpty()) {
      if (path.startsWith("/api/")) {
        ctx.header("WWW-Authenticate", "Bearer");
        throw new DashboardException(
            401,
            "Cannot answer: sign in, or send Authorization: Bearer <token> (./da06 users token NAME)");
      }
      String next = path + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
      ctx.redirect("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
      ctx.skipRemainingHandlers();
      return;
    }
    ctx.attribute(Access.USER, user.get());
    if (!List.of("GET", "HEAD", "OPTIONS").contains(ctx.method().name())) {
      requireCsrf(ctx);
    }
  }

  /**
   * The user of the session cookie, while the session is valid: not older than the lifetime, and
   * the user still in the users file with the password they signed in with. Otherwise the session
   * ends (logged once).
   */
  private Optional<User> sessionUser(Context ctx) {
    if (ctx.req().getSession(false) == null) {
      return Optional.empty();
    }
    String name = ctx.sessionAttribute(SESSION_USER);
    if (name == null) {
      return Optional.empty();
    }
    Optional<User> user = users.user(name);
    Long since = ctx.sessionAttribute(SESSION_SINCE);
    String reason = null;
    if (user.isEmpty()) {
      reason = "user removed";
    } else if (!credential(user.get()).equals(ctx.sessionAttribute(SESSION_CREDENTIAL))) {
      reason = "password changed";
    } else if (since == null
        || sessionClock.millis() - since > settings.sessionLifetime().toMillis()) {
      reason = "session older than " + settings.sessionLifetime().toHours() + " h";
    }
    if (reason == null) {
      return user;
    }
    audit.record("session_ended", name, ctx.ip(), Map.of("reason", reason));
    ctx.req().getSession(false).invalidate();
    return Optional.empty();
  }

  /** A digest of the user's password hash: a new password changes it. */
  private static String credential(User user) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(String.valueOf(user.passwordHash()).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void countRead(Context ctx) {
    User user = ctx.attribute(Access.USER);
    if (user != null && ctx.status().getCode() == 200) {
      audit.countRead(user.name(), ctx.pathParam("unitCode"));
    }
  }

  private static boolean isPublic(String path) {
    return path.equals("/login")
        || path.equals("/health")
        || path.startsWith("/static/")
        || path.startsWith("/webjars/")
        || path.equals("/favicon.ico");
  }

  private static String csrf(Context ctx) {
    String token = ctx.sessionAttribute(SESSION_CSRF);
    if (token == null) {
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      ctx.sessionAttribute(SESSION_CSRF, token);
    }
    return token;
  }

  private static void requireCsrf(Context ctx) {
    String expected = ctx.sessionAttribute(SESSION_CSRF);
    String given = ctx.header("X-CSRF-Token");
    if (given == null) {
      given = ctx.formParam("_csrf");
    }
    if (expected == null
        || given == null
        || !MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
      throw DashboardException.forbidden(
          "Cannot accept this form: its security token is missing or old"
              + " (reload the page and try again)",
          "Biểu mẫu thiếu mã bảo mật hoặc mã đã cũ: hãy tải lại trang và thử lại.");
    }
  }

  // ------------------------------------------------------------------ sign-in

  private void loginPage(Context ctx) {
    loginForm(ctx, 200, null);
  }

  private void loginForm(Context ctx, int status, String errorKey) {
    Lang lang = Lang.parse(ctx.queryParam("lang"));
    String next =
        safeNext(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next"));
    Lang other = lang == Lang.VI ? Lang.EN : Lang.VI;
    String body =
        "<section class=\"login\"><h1>"
            + Html.esc(lang.t("app.title"))
            + "</h1><h2>"
            + Html.esc(lang.t("login.title"))
            + "</h2>"
            + (errorKey == null
                ? ""
                : "<p class=\"error\" role=\"alert\">" + Html.esc(lang.t(errorKey)) + "</p>")
            + "<form method=\"post\" action=\"/login"
            + (lang == Lang.EN ? "?lang=en" : "")
            + "\">"
            + "<input type=\"hidden\" name=\"_csrf\" value=\""
            + Html.esc(csrf(ctx))
            + "\">"
            + "<input type=\"hidden\" name=\"next\" value=\""
            + Html.esc(next)
            + "\">"
            + "<label>"
            + Html.esc(lang.t("login.name"))
            + " <input name=\"name\" id=\"name\" autocomplete=\"username\" required></label>"
            + "<label>"
            + Html.esc(lang.t("login.password"))
            + " <input type=\"password\" name=\"password\" id=\"password\" autocomplete=\"current-password\" required></label>"
            + "<button type=\"submit\" id=\"login\">"
            + Html.esc(lang.t("login.submit"))
            + "</button></form>"
            + "<p><a href=\"/login?lang="
            + other.code()
            + "\">"
            + (other == Lang.EN ? "English" : "Tiếng Việt")
            + "</a></p></section>";
    ctx.status(status).html(Layout.bare(lang, lang.t("login.title"), body, versionOrNull()));
  }

  /**
   * Checks the password after waiting out the throttle's current delay for this name and address
   * (without holding a server thread), so a correct password is never refused.
   */
  private void login(Context ctx) {
    requireCsrf(ctx);
    String name = String.valueOf(ctx.formParam("name")).trim();
    String password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
    String ip = ctx.ip();
    Duration delay = throttle.delay(name, ip);
    if (delay.isZero()) {
      checkPassword(ctx, name, password, ip);
      return;
    }
    audit.record(
        "login_delayed",
        AuditLog.typedName(name, users.user(name).isPresent()),
        ip,
        Map.of("delay_s", Math.max(1, delay.toSeconds())));
    ctx.future(
        () ->
            java.util.concurrent.CompletableFuture.runAsync(
                () -> checkPassword(ctx, name, password, ip),
                java.util.concurrent.CompletableFuture.delayedExecutor(
                    delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)));
  }

  private void checkPassword(Context ctx, String name, String password, String ip) {
    Optional<User> user = users.authenticate(name, password.toCharArray());
    if (user.isEmpty()) {
      throttle.failed(name, ip);
      audit.record(
          "login_failed",
          AuditLog.typedName(name, users.user(name).isPresent()),
          ip,
          Map.of("reason", "wrong user name or password"));
      loginForm(ctx, 401, "login.failed");
      return;
    }
    throttle.succeeded(name);
    ctx.req().changeSessionId(); // no session fixation
    ctx.sessionAttribute(SESSION_USER, user.get().name());
    ctx.sessionAttribute(SESSION_CSRF, null);
    ctx.sessionAttribute(SESSION_SINCE, sessionClock.millis());
    ctx.sessionAttribute(SESSION_CREDENTIAL, credential(user.get()));
    audit.record(
        "login",
        user.get().name(),
        ip,
        Map.of("unit", user.get().unit(), "role", user.get().role().id()));
    String next = safeNext(ctx.formParam("next"));
    String lang = ctx.queryParam("lang");
    if ("en".equals(lang) && next.equals("/")) {
      next = "/?lang=en";
    }
    ctx.redirect(next);
  }

  private void logout(Context ctx) {
    User user = ctx.attribute(Access.USER);
    audit.record("logout", user.name(), ctx.ip(), Map.of());
    if (ctx.req().getSession(false) != null) {
      ctx.req().getSession(false).invalidate();
    }
    ctx.redirect("/login");
  }

  /** Only a page of this app: never another site (open redirect), see {@link NextPath}. */
  private static String safeNext(String next) {
    return NextPath.safe(next);
  }

  private static String langQuery(Context ctx) {
    return "en".equals(ctx.queryParam("lang")) ? "?lang=en" : "";
  }

  // ------------------------------------------------------------------ pages and exports

  private PageContext pageContext(Context ctx, String page) {
    if (!Pages.PAGES.contains(page)) {
      throw DashboardException.notFound("Cannot show page '" + page + "': there is no such page");
    }
    GoldData gold = store.current();
    UnitScope unit = Access.unit(ctx, gold);
    UnitScope mine = Access.mine(ctx, gold);
    WardView view;
    try {
      String wards = ctx.queryParam("wards");
      view =
          wards == null || wards.isEmpty()
              ? defaultView(unit, ctx.queryParam("era"))
              : WardView.parse(wards);
    } catch (IllegalArgumentException e) {
      throw DashboardException.badRequest(e.getMessage());
    }
    String month = Access.month(ctx.queryParam("month"), gold, view, unit);
    if (month == null) {
      month = java.time.YearMonth.now(Lang.ZONE).toString();
    }
    String metric = ctx.queryParam("metric");
    metric = PageState.validMetric(metric == null || metric.isEmpty() ? null : metric);
    String sort = ctx.queryParam("sort");
    if (sort != null && !Pages.SORT_KEYS.contains(sort) && Metrics.byColumn(sort).isEmpty()) {
      throw DashboardException.badRequest(
          "Cannot sort by '"
              + sort
              + "': use "
              + String.join(", ", Pages.SORT_KEYS)
              + " or a metric column (the scorecard's columns)");
    }
    PageState state =
        new PageState(
            unit.code(),
            page,
            month,
            view,
            metric,
            sort,
            "asc".equals(ctx.queryParam("dir")),
            Lang.parse(ctx.queryParam("lang")),
            PageState.validEra(ctx.queryParam("era")));
    return new PageContext(
        ctx, ctx.attribute(Access.USER), gold, mine, unit, state, goals, clock, steering, reports);
  }

  /**
   * Time views show today's wards unless asked otherwise ({@code wards=reported}): the whole
   * history read against the list valid now. A unit that exists only before the reform (a district,
   * a former ward, {@code era=pre2025}) is shown as reported.
   */
  static WardView defaultView(UnitScope unit, String era) {
    boolean preReform =
        PageState.PRE_REFORM_ERA.equals(era)
            || unit.level() == vn.da06.warehouse.access.UnitLevel.DISTRICT
            || (unit.level() == vn.da06.warehouse.access.UnitLevel.WARD
                && unit.currentWards().isEmpty());
    return preReform ? WardView.AS_REPORTED : WardView.CURRENT;
  }

  private void page(Context ctx, String page) {
    PageContext context = pageContext(ctx, page);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("unit", context.unit().code());
    details.put("page", context.state().page());
    details.put("month", context.state().month());
    audit.record("view", context.user().name(), ctx.ip(), details);
    ctx.html(Layout.page(context, Pages.build(context), csrf(ctx)));
  }

  private void export(Context ctx) {
    PageContext context = pageContext(ctx, ctx.pathParam("page"));
    Exports.Format format = Exports.Format.parse(ctx.pathParam("format"));
    String id = ctx.queryParam("table");
    if (Pages.ANALYST_TABLES.contains(context.state().page() + "/" + id)) {
      Access.require(
          ctx,
          Pages.ANALYST_TABLES_ROLE,
          "the row-level table " + context.state().page() + "/" + id);
    }
    PageContent content = Pages.build(context);
    TableView table =
        content
            .table(id == null ? "" : id)
            .orElseThrow(
                () ->
                    DashboardException.notFound(
                        "Cannot export table '"
                            + id
                            + "': the page "
                            + context.state().page()
                            + " has no such table"));
    String file =
        "da06-"
            + context.unit().code()
            + "-"
            + context.state().page()
            + "-"
            + table.id()
            + "-"
            + context.state().month()
            + (format == Exports.Format.CSV_EXCEL ? "-excel" : "")
            + "."
            + format.extension();
    byte[] bytes = Exports.export(context, table, format);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("unit", context.unit().code());
    details.put("page", context.state().page());
    details.put("table", table.id());
    details.put("format", format.id());
    details.put("month", context.state().month());
    details.put("wards", context.state().view().parameter());
    details.put("data_version", context.gold().version().version());
    details.put("rows", table.rows().size());
    audit.record("export", context.user().name(), ctx.ip(), details);
    ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
    ctx.contentType(format.contentType());
    ctx.result(bytes);
  }

  // ------------------------------------------------------------------ errors people read

  private DataVersion versionOrNull() {
    try {
      return store.current().version();
    } catch (WarehouseUnavailableException e) {
      return null;
    }
  }

  private void error(Context ctx, int status, String message) {
    error(ctx, status, message, null);
  }

  /**
   * An error page in one language: a refusal (403) on the Vietnamese page says why in Vietnamese
   * ({@code vietnamese}), never with the English reason the JSON answers and the English page give.
   */
  private void error(Context ctx, int status, String message, String vietnamese) {
    if (status == 403) {
      User user = ctx.attribute(Access.USER);
      audit.record(
          "forbidden", user == null ? null : user.name(), ctx.ip(), Map.of("path", ctx.path()));
    }
    ctx.status(status);
    if (ctx.path().startsWith("/api/") || ctx.header("Authorization") != null) {
      ctx.json(Map.of("status", status, "error", message));
      return;
    }
    Lang lang = Lang.parse(ctx.queryParam("lang"));
    // A refusal in one language: in Vietnamese the Vietnamese sentence alone (the English reason
    // names the rule, for the English page and the server's JSON answers).
    String text = status == 403 ? lang.t("error.forbidden") : "";
    if (status == 403 && lang == Lang.VI) {
      message = vietnamese == null ? "" : vietnamese;
    }
    String body =
        "<section class=\"error-page\"><h1>"
            + Html.esc(lang.t("error.title"))
            + " ("
            + status
            + ")</h1>"
            + "<p role=\"alert\">"
            + Html.esc(text + (text.isEmpty() || message.isEmpty() ? "" : " ") + message)
            + "</p><p><a href=\"/\">"
            + Html.esc(lang.t("back"))
            + "</a></p></section>";
    ctx.html(Layout.bare(lang, lang.t("error.title"), body, versionOrNull()));
  }

  private void unavailable(Context ctx, String message) {
    ctx.status(503);
    if (ctx.path().startsWith("/api/") || ctx.header("Authorization") != null) {
      ctx.json(Map.of("status", 503, "error", message));
      return;
    }
    Lang lang = Lang.parse(ctx.queryParam("lang"));
    String body =
        "<section class=\"unavailable\"><h1>"
            + Html.esc(lang.t("unavailable.title"))
            + "</h1><p>"
            + Html.esc(lang.t("unavailable.text"))
            + "</p><pre>./da06 demo</pre><p>"
            + Html.esc(message)
            + "</p></section>";
    ctx.html(Layout.bare(lang, lang.t("unavailable.title"), body, null));
  }
}
