package vn.da06.orchestration.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import vn.da06.goldread.DailyReportRow;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.ops.Letterhead;
import vn.da06.goldread.ops.ReportRecord;

/**
 * Makes a report from the latest gold (or, to regenerate, from the versions its record names),
 * writes its PDF and XLSX and records it in {@code ops.reports}. The id is derived from what the
 * report shows — kind, unit, period, table versions, letterhead, status — so making it again from
 * the same data is the same report, same bytes.
 */
public final class ReportService {
  private final String warehouse;
  private final Path out;
  private final ReportRegistry registry;

  /** Reports of a local warehouse, recorded in its own {@code ops/}. */
  public ReportService(Path warehouse, Path out) {
    this(
        warehouse.toAbsolutePath().normalize().toString(),
        warehouse.toAbsolutePath().normalize(),
        out);
  }

  /**
   * Reports of the warehouse at {@code warehouse} (a local folder or {@code s3a://…}), recorded in
   * {@code stateDir}'s {@code ops/} ({@link vn.da06.goldread.ops.OpsFiles#stateDir}).
   */
  public ReportService(String warehouse, Path stateDir, Path out) {
    this.warehouse =
        vn.da06.goldread.DeltaTableReader.isRemote(warehouse)
            ? warehouse
            : Path.of(
                    warehouse.startsWith("file:")
                        ? java.net.URI.create(warehouse).getPath()
                        : warehouse)
                .toAbsolutePath()
                .normalize()
                .toString();
    this.out = out;
    this.registry = new ReportRegistry(stateDir);
  }

  /** A report made: its record and where its files are. */
  public record Made(ReportRecord record, Path pdf, Path xlsx, ReportDocument document) {}

  public ReportRegistry registry() {
    return registry;
  }

  /**
   * The codes of {@code config}'s units that name no unit of the warehouse (no ward of
   * gold.dim_ward belongs to them): checked before any report is mailed.
   */
  public List<String> unknownUnits(ReportsConfig config) {
    GoldSnapshot snapshot = GoldSnapshot.latest(warehouse);
    return config.units().stream()
        .map(ReportsConfig.Unit::code)
        .filter(code -> snapshot.gold().unit(code).isEmpty())
        .toList();
  }

  public Made monthly(ReportsConfig config, String unitCode, YearMonth month, Instant now) {
    GoldSnapshot snapshot = GoldSnapshot.latest(warehouse);
    UnitScope scope = scope(snapshot, unitCode);
    Letterhead letterhead = letterhead(config, unitCode, scope.name());
    ReportDocument.Certification certification =
        Certifier.monthly(snapshot, scope, month, now, letterhead.thresholds());
    return make(
        ReportRecord.MONTHLY, snapshot, scope, month.toString(), letterhead, certification, now);
  }

  public Made daily(ReportsConfig config, String unitCode, LocalDate date, Instant now) {
    GoldSnapshot snapshot = GoldSnapshot.latest(warehouse);
    UnitScope scope = scope(snapshot, unitCode);
    Letterhead letterhead = letterhead(config, unitCode, scope.name());
    ReportDocument.Certification certification =
        Certifier.daily(snapshot, scope, date, now, dayRows(snapshot, scope, date));
    return make(
        ReportRecord.DAILY, snapshot, scope, date.toString(), letterhead, certification, now);
  }

  /** Rebuilds a recorded report from the table versions it recorded; fails if the bytes differ. */
  public Made regenerate(String reportId) {
    ReportRecord record =
        registry
            .find(reportId)
            .orElseThrow(
                () ->
                    new ReportException(
                        "Cannot regenerate "
                            + reportId
                            + ": there is no such report in "
                            + registry.file()
                            + " (list the ids with: grep -o"
                            + " '\"report_id\":\"[^\"]*\"' "
                            + registry.file()
                            + ")"));
    GoldSnapshot snapshot = GoldSnapshot.atVersions(warehouse, record.tableVersions());
    UnitScope scope = scope(snapshot, record.unitCode());
    Instant createdAt = Instant.parse(record.createdAt());
    ReportDocument.Certification certification =
        certify(record.kind(), snapshot, scope, record.period(), createdAt, record.letterhead());
    ReportContent.Frame frame =
        new ReportContent.Frame(
            record.reportId(),
            record.number(),
            createdAt,
            record.letterhead(),
            certification,
            snapshot.versions());
    Made made = write(record, document(record.kind(), snapshot, scope, record.period(), frame));
    if (!made.record().files().equals(record.files())) {
      throw new ReportException(
          "Cannot regenerate "
              + reportId
              + " identically: the files' sha256 differ from"
              + " those recorded ("
              + record.files()
              + " recorded, "
              + made.record().files()
              + " now); the warehouse"
              + " holds different data at the recorded versions, or the report code changed since the report was made");
    }
    return made;
  }

  private Made make(
      String kind,
      GoldSnapshot snapshot,
      UnitScope scope,
      String period,
      Letterhead letterhead,
      ReportDocument.Certification certification,
      Instant now) {
    Map<String, Long> versions = snapshot.versions();
    String reportId = reportId(kind, scope.code(), period, versions, letterhead, certification);
    ReportRecord existing = registry.find(reportId).orElse(null);
    Instant createdAt =
        existing != null
            ? Instant.parse(existing.createdAt())
            : now.truncatedTo(ChronoUnit.SECONDS);
    int number =
        existing != null
            ? existing.number()
            : registry.nextNumber(
                scope.code(), LocalDate.ofInstant(createdAt, Certifier.ZONE).getYear());
    ReportContent.Frame frame =
        new ReportContent.Frame(reportId, number, createdAt, letterhead, certification, versions);
    ReportRecord draft =
        new ReportRecord(
            reportId,
            kind,
            scope.code(),
            ReportContent.displayName(scope),
            period,
            number,
            certification.label(),
            certification.official() ? null : certification.reasonText(),
            versions,
            List.of(),
            createdAt.toString(),
            letterhead);
    Made made = write(draft, document(kind, snapshot, scope, period, frame));
    registry.append(made.record());
    return made;
  }

  private static ReportDocument document(
      String kind,
      GoldSnapshot snapshot,
      UnitScope scope,
      String period,
      ReportContent.Frame frame) {
    if (ReportRecord.MONTHLY.equals(kind)) {
      return ReportContent.monthly(snapshot, scope, YearMonth.parse(period), frame);
    }
    LocalDate date = LocalDate.parse(period);
    return ReportContent.daily(snapshot, scope, date, dayRows(snapshot, scope, date), frame);
  }

  private static ReportDocument.Certification certify(
      String kind,
      GoldSnapshot snapshot,
      UnitScope scope,
      String period,
      Instant now,
      Letterhead letterhead) {
    if (ReportRecord.MONTHLY.equals(kind)) {
      return Certifier.monthly(
          snapshot, scope, YearMonth.parse(period), now, letterhead.thresholds());
    }
    LocalDate date = LocalDate.parse(period);
    return Certifier.daily(snapshot, scope, date, now, dayRows(snapshot, scope, date));
  }

  private Made write(ReportRecord record, ReportDocument document) {
    byte[] pdf = PdfRenderer.render(document);
    byte[] xlsx = XlsxRenderer.render(document);
    try {
      Files.createDirectories(out);
      Path pdfFile = out.resolve(record.reportId() + ".pdf");
      Path xlsxFile = out.resolve(record.reportId() + ".xlsx");
      replace(pdfFile, pdf);
      replace(xlsxFile, xlsx);
      ReportRecord written =
          new ReportRecord(
              record.reportId(),
              record.kind(),
              record.unitCode(),
              record.unitName(),
              record.period(),
              record.number(),
              record.status(),
              record.reason(),
              record.tableVersions(),
              List.of(
                  new ReportRecord.FileDigest(pdfFile.getFileName().toString(), sha256(pdf)),
                  new ReportRecord.FileDigest(xlsxFile.getFileName().toString(), sha256(xlsx))),
              record.createdAt(),
              record.letterhead());
      return new Made(written, pdfFile, xlsxFile, document);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the report files into "
              + out
              + ": "
              + e.getMessage()
              + " (check the folder is writable, or pass --out)",
          e);
    }
  }

  private static void replace(Path file, byte[] bytes) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(temporary, bytes);
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static List<DailyReportRow> dayRows(GoldSnapshot snapshot, UnitScope scope, LocalDate date) {
    return snapshot.gold().dailyReports(scope, YearMonth.from(date).toString()).stream()
        .filter(row -> date.equals(row.reportDate()))
        .toList();
  }

  private static UnitScope scope(GoldSnapshot snapshot, String unitCode) {
    return snapshot
        .gold()
        .unit(unitCode)
        .orElseThrow(
            () ->
                new ReportException(
                    "Cannot make a report for unit "
                        + unitCode
                        + ": no ward of gold.dim_ward belongs to it (use a 2-digit province, 3-digit district or"
                        + " 5-digit ward code of the warehouse)"));
  }

  static String reportId(
      String kind,
      String unit,
      String period,
      Map<String, Long> versions,
      Letterhead letterhead,
      ReportDocument.Certification certification) {
    String basis;
    try {
      basis =
          kind
              + "|"
              + unit
              + "|"
              + period
              + "|"
              + versions
              + "|"
              + ReportRegistry.JSON.writeValueAsString(letterhead)
              + "|"
              + certification.label()
              + "|"
              + certification.reasonText();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    String prefix = ReportRecord.MONTHLY.equals(kind) ? "BCT" : "BCN";
    return prefix
        + "-"
        + unit
        + "-"
        + period
        + "-"
        + sha256(basis.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The letterhead of a unit's report from the configuration (recorded with the report). */
  static Letterhead letterhead(ReportsConfig config, String unitCode, String unitName) {
    ReportsConfig.Issuer issuer = config.issuer(unitCode);
    ReportsConfig.Unit unit = config.unit(unitCode).orElse(null);
    String upper = unitName.toUpperCase(java.util.Locale.forLanguageTag("vi"));
    String addressee =
        unit != null && unit.addressee().isPresent() ? unit.addressee().get() : issuer.addressee();
    List<String> distribution = new java.util.ArrayList<>();
    distribution.add("Như trên");
    distribution.add(
        unitCode.length() == 5 ? "Ban Chỉ đạo Đề án 06 tỉnh" : "Thành viên Ban Chỉ đạo Đề án 06");
    distribution.add("Lưu: VT");
    return new Letterhead(
        issuer.parent() == null ? null : issuer.parent().replace("{ward}", upper),
        issuer.body().replace("{ward}", upper),
        issuer.abbreviation(),
        issuer.signerCapacity(),
        issuer.signerTitle(),
        issuer.signerName(),
        addressee == null ? "Ban Chỉ đạo Đề án 06" : addressee,
        config.place(),
        distribution,
        config.thresholds());
  }
}
