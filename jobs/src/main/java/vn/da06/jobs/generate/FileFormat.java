package vn.da06.jobs.generate;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import vn.da06.warehouse.Feed;

/**
 * How one data file is written, within what the feed contract allows: BOM or not, gzip or not,
 * header case and column order, an extra column, ISO or plain timestamps, ISO or dd/MM/yyyy dates.
 * Chosen from the seed and the file name, so it is the same in every run.
 */
final class FileFormat {

  /** The extra column some files carry; the contract says it is ignored. */
  static final String EXTRA_COLUMN = "ghi_chu";

  /**
   * The columns the portals' exports carry from this month on (issue 24): older service_dossiers
   * files lack them, as real exports did.
   */
  static final java.time.YearMonth PORTAL_2025_EXPORTS = java.time.YearMonth.of(2025, 7);

  static final List<String> PORTAL_2025_COLUMNS =
      List.of("online_scope", "fee", "result_digitized");

  /** Columns of each feed in the order of the contract's tables (before the 2025 columns). */
  static List<String> naturalColumns(Feed feed) {
    return switch (feed) {
      case EID_APPLICATIONS ->
          List.of(
              "application_id",
              "citizen_id",
              "ward_code",
              "level",
              "channel",
              "received_at",
              "status",
              "activated_at",
              "updated_at");
      case SERVICE_DOSSIERS ->
          List.of(
              "dossier_id",
              "service_code",
              "ward_code",
              "channel",
              "auth_method",
              "submitted_at",
              "due_at",
              "resolved_at",
              "status",
              "updated_at");
      case POPULATION ->
          List.of(
              "snapshot_date",
              "citizen_id",
              "full_name",
              "birth_date",
              "sex",
              "ward_code",
              "residence_type",
              "has_chip_card",
              "is_deceased",
              "last_verified_at");
      case DAILY_REPORTS ->
          List.of("ward_code", "report_date", "submitted_at", "l2_applications", "l2_activations");
      case TARGETS ->
          List.of("unit_code", "metric", "target_value", "period_start", "deadline", "campaign");
    };
  }

  private static final DateTimeFormatter PLAIN_TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
  private static final DateTimeFormatter ISO_TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
  private static final DateTimeFormatter SLASH_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");

  private final Feed feed;
  private final String baseName;
  private final boolean bom;
  private final boolean gzip;
  private final int[] order;
  private final HeaderCase headerCase;
  private final boolean isoTimestamps;
  private final boolean isoOffset;
  private final boolean slashDates;
  private final boolean extraColumn;
  private final List<String> natural;

  enum HeaderCase {
    LOWER,
    UPPER,
    CAPITALISED
  }

  private FileFormat(
      Feed feed,
      String baseName,
      boolean bom,
      boolean gzip,
      int[] order,
      HeaderCase headerCase,
      boolean isoTimestamps,
      boolean isoOffset,
      boolean slashDates,
      boolean extraColumn,
      List<String> natural) {
    this.feed = requireNonNull(feed, "feed is null");
    this.natural = List.copyOf(natural);
    this.baseName = requireNonNull(baseName, "baseName is null");
    this.bom = bom;
    this.gzip = gzip;
    this.order = order;
    this.headerCase = headerCase;
    this.isoTimestamps = isoTimestamps;
    this.isoOffset = isoOffset;
    this.slashDates = slashDates;
    this.extraColumn = extraColumn;
  }

  /**
   * The format of one file. The first file of a feed ({@code plain}) is written the plain way, so
   * every feed has a file that any reader takes.
   */
  static FileFormat choose(
      long seed, Feed feed, String baseName, boolean plain, boolean extraColumn, boolean mayGzip) {
    return choose(seed, feed, baseName, plain, extraColumn, mayGzip, List.of());
  }

  /** A format whose file also carries {@code moreColumns} after the feed's natural ones. */
  static FileFormat choose(
      long seed,
      Feed feed,
      String baseName,
      boolean plain,
      boolean extraColumn,
      boolean mayGzip,
      List<String> moreColumns) {
    SplittableRandom random = Rng.of(seed, 0xF11E, feed.ordinal(), Rng.code(baseName));
    List<String> natural =
        java.util.stream.Stream.concat(naturalColumns(feed).stream(), moreColumns.stream())
            .toList();
    int columns = natural.size() + (extraColumn ? 1 : 0);
    int[] order = new int[columns];
    for (int i = 0; i < columns; i++) {
      order[i] = i;
    }
    boolean bom = random.nextDouble() < 0.25;
    boolean gzip = mayGzip && random.nextDouble() < 0.2;
    boolean shuffled = random.nextDouble() < 0.25;
    HeaderCase headerCase =
        random.nextDouble() < 0.2
            ? (random.nextBoolean() ? HeaderCase.UPPER : HeaderCase.CAPITALISED)
            : HeaderCase.LOWER;
    boolean isoTimestamps = random.nextDouble() < 0.25;
    boolean isoOffset = random.nextDouble() < 0.7;
    boolean slashDates = random.nextDouble() < 0.3;
    if (shuffled || extraColumn) {
      for (int i = columns - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
    }
    if (plain) {
      return new FileFormat(
          feed,
          baseName,
          false,
          false,
          identity(natural.size()),
          HeaderCase.LOWER,
          false,
          false,
          false,
          false,
          natural);
    }
    return new FileFormat(
        feed,
        baseName,
        bom,
        gzip,
        order,
        headerCase,
        isoTimestamps,
        isoOffset,
        slashDates,
        extraColumn,
        natural);
  }

  private static int[] identity(int columns) {
    int[] order = new int[columns];
    for (int i = 0; i < columns; i++) {
      order[i] = i;
    }
    return order;
  }

  Feed feed() {
    return feed;
  }

  String baseName() {
    return baseName;
  }

  /** The file name inside the feed folder. */
  String fileName() {
    return baseName + (gzip ? ".csv.gz" : ".csv");
  }

  /** The path relative to the inbox, as the manifest names it. */
  String relativePath() {
    return feed.folder() + "/" + fileName();
  }

  boolean bom() {
    return bom;
  }

  boolean gzip() {
    return gzip;
  }

  boolean extraColumn() {
    return extraColumn;
  }

  /** Whether this file carries the portals' 2025 columns ({@link #PORTAL_2025_COLUMNS}). */
  boolean hasPortal2025Columns() {
    return natural.containsAll(PORTAL_2025_COLUMNS);
  }

  String[] header() {
    String[] header = new String[order.length];
    for (int i = 0; i < order.length; i++) {
      String name = order[i] < natural.size() ? natural.get(order[i]) : EXTRA_COLUMN;
      header[i] =
          switch (headerCase) {
            case LOWER -> name;
            case UPPER -> name.toUpperCase(Locale.ROOT);
            case CAPITALISED -> Character.toUpperCase(name.charAt(0)) + name.substring(1);
          };
    }
    return header;
  }

  /** Values given in natural column order, rearranged into this file's column order. */
  String[] arrange(String[] values, String extraValue) {
    if (values.length != natural.size()) {
      throw new IllegalArgumentException(
          "Cannot write a row of "
              + values.length
              + " values to "
              + relativePath()
              + ": its columns are "
              + natural);
    }
    String[] arranged = new String[order.length];
    for (int i = 0; i < order.length; i++) {
      arranged[i] = order[i] < natural.size() ? values[order[i]] : extraValue;
    }
    return arranged;
  }

  String timestamp(LocalDateTime value) {
    if (value == null) {
      return "";
    }
    if (isoTimestamps) {
      return ISO_TIMESTAMP.format(value) + (isoOffset ? "+07:00" : "");
    }
    return PLAIN_TIMESTAMP.format(value);
  }

  String date(LocalDate value) {
    if (value == null) {
      return "";
    }
    return (slashDates ? SLASH_DATE : ISO_DATE).format(value);
  }
}
