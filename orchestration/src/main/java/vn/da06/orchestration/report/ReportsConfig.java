package vn.da06.orchestration.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import vn.da06.warehouse.DataQuality;

/**
 * {@code config/reports.yaml}: the SMTP server, the archive mailbox that makes sending
 * exactly-once, the issuing bodies, the data-quality thresholds of a certified report and, per
 * unit, its recipients, operator, monthly due day and whether it gets the daily campaign report.
 * Parsed once at the entry point (docs/reports.md).
 *
 * <p>Over 400 lines on purpose: most of it is the file's shape (the YAML model classes) and the
 * validation that names each bad line, kept next to the record it fills.
 */
public record ReportsConfig(
    Smtp smtp,
    Optional<Archive> archive,
    String place,
    Issuer province,
    Issuer ward,
    Map<String, Double> thresholds,
    Retry retry,
    LocalTime dailyDeadline,
    List<Unit> units) {

  public static final int DEFAULT_DUE_DAY = 8;

  /**
   * Defaults of the data-quality thresholds: the largest share of a snapshot's records that may
   * fail a rule.
   */
  public static final Map<String, Double> DEFAULT_THRESHOLDS = DataQuality.DEFAULT_THRESHOLDS;

  private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+");

  public ReportsConfig {
    requireNonNull(smtp, "smtp is null");
    requireNonNull(archive, "archive is null");
    requireNonNull(place, "place is null");
    requireNonNull(province, "province is null");
    requireNonNull(ward, "ward is null");
    thresholds = Map.copyOf(thresholds);
    requireNonNull(retry, "retry is null");
    requireNonNull(dailyDeadline, "dailyDeadline is null");
    units = List.copyOf(units);
    Set<String> codes = new LinkedHashSet<>();
    for (Unit unit : units) {
      if (!codes.add(unit.code())) {
        throw new IllegalArgumentException("unit " + unit.code() + " is listed twice");
      }
    }
  }

  /**
   * The SMTP server; the password is read from the environment variable {@code passwordEnv}, never
   * the file.
   */
  public record Smtp(
      String host,
      int port,
      TlsMode tls,
      String user,
      String passwordEnv,
      String from,
      int timeoutSeconds) {
    public Smtp {
      requireNonNull(host, "smtp.host is null");
      requireNonNull(tls, "smtp.tls is null");
      requireNonNull(from, "smtp.from is null");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("smtp.port must be 1..65535, not " + port);
      }
    }

    public Optional<String> password() {
      return passwordEnv == null ? Optional.empty() : Optional.ofNullable(secret(passwordEnv));
    }
  }

  /**
   * A mailbox that receives a blind copy of every report message (one SMTP transaction with the
   * recipient), read back over IMAP to learn whether a message whose ledger entry is still PENDING
   * was accepted before a crash.
   */
  public record Archive(
      String address,
      String imapHost,
      int imapPort,
      boolean imapTls,
      String user,
      String passwordEnv,
      String folder) {
    public Archive {
      requireNonNull(address, "archive.address is null");
      requireNonNull(imapHost, "archive.imap_host is null");
      requireNonNull(user, "archive.user is null");
      folder = folder == null ? "INBOX" : folder;
    }

    public String password() {
      String value = passwordEnv == null ? null : secret(passwordEnv);
      if (value == null) {
        throw new ReportException(
            "Cannot read the archive mailbox: environment variable "
                + passwordEnv
                + " is not set (export it with the archive mailbox's password)");
      }
      return value;
    }
  }

  /**
   * An issuing body: the parent authority (cơ quan chủ quản), the body, its abbreviation for số/ký
   * hiệu.
   */
  public record Issuer(
      String parent,
      String body,
      String abbreviation,
      String signerCapacity,
      String signerTitle,
      String signerName,
      String addressee) {
    public Issuer {
      requireNonNull(body, "issuer body is null");
      requireNonNull(abbreviation, "issuer abbreviation is null");
    }
  }

  /**
   * Retries of a send: first wait, factor, longest wait; a warning goes to the operator this long
   * before the deadline.
   */
  public record Retry(
      double initialSeconds, double factor, double maxSeconds, double warnBeforeDeadlineHours) {}

  public enum TlsMode {
    NONE,
    STARTTLS,
    TLS
  }

  /**
   * A unit that receives reports.
   *
   * @param code province (2 digits), pre-reform district (3) or ward (5) code
   * @param recipients who receives its reports
   * @param operator who is warned when a report would go out provisional or the mail server is down
   * @param monthlyDueDay the day of the month by which the previous month's report must have
   *     arrived
   * @param daily whether it gets the daily campaign report
   */
  public record Unit(
      String code,
      List<String> recipients,
      String operator,
      int monthlyDueDay,
      boolean daily,
      Optional<String> addressee) {
    public Unit {
      requireNonNull(code, "code is null");
      recipients = List.copyOf(recipients);
      requireNonNull(addressee, "addressee is null");
      if (!code.matches("\\d{2}|\\d{3}|\\d{5}")) {
        throw new IllegalArgumentException("unit code must have 2, 3 or 5 digits: '" + code + "'");
      }
      if (monthlyDueDay < 1 || monthlyDueDay > 28) {
        throw new IllegalArgumentException(
            "unit " + code + ": monthly_due_day must be 1..28, not " + monthlyDueDay);
      }
      for (String recipient : recipients) {
        if (!validAddress(recipient)) {
          throw new IllegalArgumentException(
              "unit " + code + ": '" + recipient + "' is not an email address");
        }
      }
      if (operator != null && !validAddress(operator)) {
        throw new IllegalArgumentException(
            "unit " + code + ": operator '" + operator + "' is not an email address");
      }
    }
  }

  /**
   * A secret from the environment variable named in the file (or a JVM system property of that
   * name, for tests).
   */
  static String secret(String name) {
    String value = System.getenv(name);
    return value != null ? value : System.getProperty(name);
  }

  public Optional<Unit> unit(String code) {
    return units.stream().filter(unit -> unit.code().equals(code)).findFirst();
  }

  public Issuer issuer(String unitCode) {
    return unitCode.length() == 5 ? ward : province;
  }

  /** Reads and checks the file; every problem names the file and says how to fix it. */
  public static ReportsConfig load(Path file) {
    ObjectMapper mapper =
        new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    FileModel model;
    try {
      model = mapper.readValue(Files.readString(file), FileModel.class);
    } catch (NoSuchFileException e) {
      throw new ReportException(
          "Cannot read "
              + file
              + ": the file does not exist (copy config/reports.example.yaml"
              + " to "
              + file
              + " and fill in the SMTP server and the units)");
    } catch (JsonMappingException e) {
      String where = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
      throw new ReportException(
          "Cannot read "
              + file
              + where
              + ": "
              + e.getOriginalMessage()
              + " (see docs/reports.md for the keys)");
    } catch (IOException e) {
      throw new ReportException(
          "Cannot read " + file + ": " + e.getMessage() + " (check it is YAML, UTF-8)");
    }
    if (model == null) {
      throw new ReportException(
          "Cannot read " + file + ": it is empty (see config/reports.example.yaml)");
    }
    try {
      return model.toConfig();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ReportException(
          "Cannot read "
              + file
              + lineOf(file, e.getMessage())
              + ": "
              + e.getMessage()
              + " (see docs/reports.md)");
    }
  }

  /**
   * Before any mail goes out: every unit of {@code file} must be a unit of the warehouse; {@code
   * unknown} are the codes that are not (ReportService.unknownUnits). The error names the line.
   */
  public static void requireKnownUnits(Path file, List<String> unknown) {
    if (unknown.isEmpty()) {
      return;
    }
    String code = unknown.get(0);
    throw new ReportException(
        "Cannot send reports: "
            + file
            + lineOf(file, "unit " + code + ":")
            + ": unit "
            + code
            + " does not exist (no ward of the warehouse belongs to it; use a 2-digit province,"
            + " 3-digit district or 5-digit ward code)"
            + (unknown.size() > 1 ? "; also unknown: " + unknown.subList(1, unknown.size()) : "")
            + ". No report was sent.");
  }

  /**
   * " line N" of the file where the value a message quotes ('…') or the unit it names ("unit
   * CODE:") is written; empty when it cannot be found.
   */
  static String lineOf(Path file, String message) {
    if (message == null) {
      return "";
    }
    String value = null;
    java.util.regex.Matcher quoted = Pattern.compile("'([^']+)'").matcher(message);
    if (quoted.find()) {
      value = quoted.group(1);
    }
    java.util.regex.Matcher unit = Pattern.compile("^unit (\\d+):").matcher(message);
    String code = unit.find() ? unit.group(1) : null;
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      return "";
    }
    Pattern codeLine =
        code == null ? null : Pattern.compile("code:\\s*[\"']?" + code + "[\"']?(\\s|,|}|$)");
    int unitLine = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (codeLine != null && codeLine.matcher(lines.get(i)).find()) {
        unitLine = i;
        if (value == null) {
          return " line " + (i + 1);
        }
      }
      if (value != null && lines.get(i).contains(value) && (codeLine == null || unitLine >= 0)) {
        return " line " + (i + 1);
      }
    }
    return unitLine >= 0 ? " line " + (unitLine + 1) : "";
  }

  /**
   * An address a message may go to: one mailbox, no display name, no comma, semicolon or control
   * character (a header cannot be injected), valid by RFC 822 as Jakarta Mail reads it.
   */
  static boolean validAddress(String address) {
    if (address == null || !EMAIL.matcher(address).matches()) {
      return false;
    }
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c < 0x21 || c == 0x7f || c == ',' || c == ';' || c == '"' || c == '(' || c == ')') {
        return false;
      }
    }
    try {
      jakarta.mail.internet.InternetAddress parsed =
          new jakarta.mail.internet.InternetAddress(address, true);
      parsed.validate();
      return address.equals(parsed.getAddress()) && parsed.getPersonal() == null;
    } catch (jakarta.mail.internet.AddressException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------------------------------- the
  // file's shape

  @JsonIgnoreProperties(ignoreUnknown = false)
  static final class FileModel {
    public SmtpModel smtp;
    public ArchiveModel archive;
    public String place;
    public IssuerModel province_issuer;
    public IssuerModel ward_issuer;
    public Map<String, Double> data_quality_thresholds;
    public RetryModel retry;
    public String daily_deadline;
    public List<UnitModel> units;

    static ReportsConfig parse(String yaml) {
      try {
        return new ObjectMapper(new YAMLFactory()).readValue(yaml, FileModel.class).toConfig();
      } catch (IOException e) {
        throw new IllegalArgumentException(e);
      }
    }

    ReportsConfig toConfig() {
      if (smtp == null) {
        throw new IllegalArgumentException("the smtp section is missing");
      }
      Map<String, Double> limits = new LinkedHashMap<>(DEFAULT_THRESHOLDS);
      if (data_quality_thresholds != null) {
        for (Map.Entry<String, Double> entry : data_quality_thresholds.entrySet()) {
          if (!DEFAULT_THRESHOLDS.containsKey(entry.getKey())) {
            throw new IllegalArgumentException(
                "data_quality_thresholds."
                    + entry.getKey()
                    + " is not a rule (use "
                    + String.join(", ", DEFAULT_THRESHOLDS.keySet())
                    + ")");
          }
          if (entry.getValue() == null || entry.getValue() < 0 || entry.getValue() > 1) {
            throw new IllegalArgumentException(
                "data_quality_thresholds." + entry.getKey() + " must be between 0 and 1");
          }
          limits.put(entry.getKey(), entry.getValue());
        }
      }
      RetryModel r = retry == null ? new RetryModel() : retry;
      IssuerModel p = province_issuer == null ? IssuerModel.provinceDefault() : province_issuer;
      IssuerModel w = ward_issuer == null ? IssuerModel.wardDefault() : ward_issuer;
      return new ReportsConfig(
          smtp.toSmtp(),
          Optional.ofNullable(archive).map(ArchiveModel::toArchive),
          place == null ? "Lạng Sơn" : place,
          p.toIssuer(),
          w.toIssuer(),
          limits,
          new Retry(r.initial_seconds, r.factor, r.max_seconds, r.warn_before_deadline_hours),
          daily_deadline == null ? LocalTime.of(20, 0) : LocalTime.parse(daily_deadline),
          units == null ? List.of() : units.stream().map(UnitModel::toUnit).toList());
    }
  }

  static final class SmtpModel {
    public String host;
    public Integer port;
    public String tls;
    public String user;
    public String password_env;
    public String from;
    public Integer timeout_seconds;

    Smtp toSmtp() {
      TlsMode mode;
      try {
        mode = TlsMode.valueOf((tls == null ? "starttls" : tls).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "smtp.tls must be none, starttls or tls, not '" + tls + "'");
      }
      if (host == null || from == null) {
        throw new IllegalArgumentException("smtp.host and smtp.from are required");
      }
      int defaultPort = mode == TlsMode.TLS ? 465 : mode == TlsMode.STARTTLS ? 587 : 25;
      return new Smtp(
          host,
          port == null ? defaultPort : port,
          mode,
          user,
          password_env,
          from,
          timeout_seconds == null ? 20 : timeout_seconds);
    }
  }

  static final class ArchiveModel {
    public String address;
    public String imap_host;
    public Integer imap_port;
    public Boolean imap_tls;
    public String user;
    public String password_env;
    public String folder;

    Archive toArchive() {
      boolean tls = imap_tls == null || imap_tls;
      return new Archive(
          address,
          imap_host,
          imap_port == null ? (tls ? 993 : 143) : imap_port,
          tls,
          user,
          password_env,
          folder);
    }
  }

  static final class IssuerModel {
    public String parent;
    public String body;
    public String abbreviation;
    public String signer_capacity;
    public String signer_title;
    public String signer_name;
    public String addressee;

    static IssuerModel provinceDefault() {
      IssuerModel m = new IssuerModel();
      m.parent = "UBND TỈNH LẠNG SƠN";
      m.body = "BAN CHỈ ĐẠO ĐỀ ÁN 06";
      m.abbreviation = "BCĐ06";
      m.signer_capacity = "TM. BAN CHỈ ĐẠO";
      m.signer_title = "TRƯỞNG BAN";
      m.addressee = "Ban Chỉ đạo Đề án 06 Chính phủ";
      return m;
    }

    static IssuerModel wardDefault() {
      IssuerModel m = new IssuerModel();
      m.parent = "UBND {ward}";
      m.body = "TỔ CÔNG TÁC ĐỀ ÁN 06";
      m.abbreviation = "TCT06";
      m.signer_capacity = "TM. TỔ CÔNG TÁC";
      m.signer_title = "TỔ TRƯỞNG";
      m.addressee = "Ban Chỉ đạo Đề án 06 tỉnh";
      return m;
    }

    Issuer toIssuer() {
      return new Issuer(
          parent, body, abbreviation, signer_capacity, signer_title, signer_name, addressee);
    }
  }

  static final class RetryModel {
    public double initial_seconds = 30;
    public double factor = 2;
    public double max_seconds = 1800;
    public double warn_before_deadline_hours = 24;
  }

  static final class UnitModel {
    public String code;
    public List<String> recipients;
    public String operator;
    public Integer monthly_due_day;
    public Boolean daily;
    public String addressee;

    Unit toUnit() {
      if (code == null) {
        throw new IllegalArgumentException("a unit has no code");
      }
      return new Unit(
          code,
          recipients == null ? List.of() : recipients,
          operator,
          monthly_due_day == null ? DEFAULT_DUE_DAY : monthly_due_day,
          daily != null && daily,
          Optional.ofNullable(addressee));
    }
  }
}
