package vn.da06.jobs.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVPrinter;
import vn.da06.jobs.generate.GeneratorSummary.DailyReportCounts;
import vn.da06.jobs.generate.GeneratorSummary.FeedTotals;
import vn.da06.warehouse.Feed;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.QuarantineReason;
import vn.da06.warehouse.admin.AdminUnits;
import vn.da06.warehouse.admin.Era;

// Over 400 lines: the entry point and the manifest it writes (the pipeline's test oracle).
/**
 * Writes sample source feeds ({@code ../shared/contracts/feeds.md}) for the real communes of one
 * province, and beside them, in {@code out/_manifest/}, the figures the warehouse must compute from
 * them: the test oracle of the pipeline, counted here while generating, independently of any Spark
 * code.
 *
 * <p>Output: {@code out/<feed>/<feed>_<yyyy-MM or yyyy-MM-dd>.csv[.gz]} for eid_applications,
 * service_dossiers (one file per month of updated_at), population (one per snapshot), daily_reports
 * (one per campaign month) and targets; {@code out/_manifest/ward_month.csv}, {@code summary.json}
 * and {@code sample_citizen_ids.txt}. Earlier generated files in those folders are replaced. The
 * same seed and options give byte-identical files whatever the number of threads.
 *
 * <p>The work is split by current ward (with the pre-reform wards whose primary link lands in it);
 * each unit streams its rows to chunk files that are then joined in unit order, so memory stays
 * bounded by the largest ward, not by the scale.
 */
public final class Generator {

  /** The manifest folder inside {@code out}; the pipeline does not load it. */
  public static final String MANIFEST_FOLDER = "_manifest";

  private Generator() {}

  public static GeneratorSummary generate(GeneratorOptions options, AdminUnits units) {
    return generate(options, units, false);
  }

  /**
   * As {@link #generate(GeneratorOptions, AdminUnits)}; with {@code plantAnomalies}, anomalies of
   * each kind planted at known places ({@link Plants}), listed in {@code _manifest/anomalies.csv}.
   */
  public static GeneratorSummary generate(
      GeneratorOptions options, AdminUnits units, boolean plantAnomalies) {
    try {
      return run(options, units, plantAnomalies);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot generate feeds into "
              + options.out()
              + ": "
              + e.getMessage()
              + " (check the folder is writable)",
          e);
    }
  }

  private static GeneratorSummary run(
      GeneratorOptions options, AdminUnits units, boolean plantAnomalies) throws IOException {
    long started = System.nanoTime();
    Plan plan = new Plan(options, units);
    if (plantAnomalies) {
      plan.plants = Plants.of(plan);
    }
    Path out = options.out();
    Path manifest = out.resolve(MANIFEST_FOLDER);
    Path chunkRoot = manifest.resolve(".chunks");
    clearEarlierOutput(out);
    Files.createDirectories(chunkRoot);

    ExecutorService pool = Executors.newFixedThreadPool(options.threads());
    List<UnitGenerator.Result> results = new ArrayList<>();
    try {
      List<Future<UnitGenerator.Result>> futures = new ArrayList<>();
      for (Plan.Unit unit : plan.workUnits) {
        futures.add(
            pool.submit(
                () -> {
                  try (ChunkWriter chunks = new ChunkWriter(chunkRoot, unit.index())) {
                    return new UnitGenerator(plan, unit, chunks).run();
                  }
                }));
      }
      for (Future<UnitGenerator.Result> future : futures) {
        results.add(get(future));
      }
      List<Future<Void>> assembled = new ArrayList<>();
      for (FileFormat format : plan.allFiles()) {
        assembled.add(
            pool.submit(
                () -> {
                  ChunkWriter.assemble(chunkRoot, out, format);
                  return null;
                }));
      }
      for (Future<Void> future : assembled) {
        get(future);
      }
    } finally {
      pool.shutdownNow();
    }
    deleteTree(chunkRoot);

    List<WardMonthTable.Row> rows = new ArrayList<>();
    results.forEach(result -> rows.addAll(result.rows()));
    rows.sort(
        Comparator.comparing(WardMonthTable.Row::month)
            .thenComparing(WardMonthTable.Row::wardCode));
    List<TargetFile> targets = writeTargets(plan, rows, out);

    Map<String, long[]> fileStats = new LinkedHashMap<>();
    for (FileFormat format : plan.allFiles()) {
      long[] sum = new long[1 + QuarantineReason.values().length];
      for (UnitGenerator.Result result : results) {
        long[] counts = result.fileStats().get(format.relativePath());
        for (int i = 0; i < sum.length; i++) {
          sum[i] += counts[i];
        }
      }
      fileStats.put(format.relativePath(), sum);
    }
    for (TargetFile target : targets) {
      long[] counts = new long[1 + QuarantineReason.values().length];
      counts[0] = target.rows();
      fileStats.put(target.format().relativePath(), counts);
    }

    Map<String, FeedTotals> feeds = new LinkedHashMap<>();
    for (Feed feed : Feed.values()) {
      long read = 0;
      long[] reasons = new long[QuarantineReason.values().length];
      for (Map.Entry<String, long[]> entry : fileStats.entrySet()) {
        if (entry.getKey().startsWith(feed.folder() + "/")) {
          read += entry.getValue()[0];
          for (int i = 0; i < reasons.length; i++) {
            reasons[i] += entry.getValue()[1 + i];
          }
        }
      }
      Map<String, Long> byReason = reasonMap(reasons);
      long quarantined = byReason.values().stream().mapToLong(Long::longValue).sum();
      feeds.put(feed.folder(), new FeedTotals(read, read - quarantined, quarantined, byReason));
    }

    long acceptedApplications =
        results.stream().mapToLong(UnitGenerator.Result::acceptedApplications).sum();
    long quarantinedApplications =
        results.stream().mapToLong(UnitGenerator.Result::quarantinedApplications).sum();
    long acceptedDossiers =
        results.stream().mapToLong(UnitGenerator.Result::acceptedDossiers).sum();
    long quarantinedDossiers =
        results.stream().mapToLong(UnitGenerator.Result::quarantinedDossiers).sum();
    DailyReportCounts reports =
        results.stream()
            .map(UnitGenerator.Result::dailyReports)
            .reduce(new DailyReportCounts(0, 0, 0, 0, 0), DailyReportCounts::plus);
    int targetRows = targets.stream().mapToInt(TargetFile::rows).sum();

    writeWardMonth(manifest.resolve("ward_month.csv"), rows);
    writeAnomalies(manifest.resolve(ANOMALIES_FILE), plan);
    Set<String> samples = new LinkedHashSet<>();
    for (UnitGenerator.Result result : results) {
      for (String id : result.sampleCitizenIds()) {
        if (samples.size() < 50) {
          samples.add(id);
        }
      }
    }
    Files.write(manifest.resolve("sample_citizen_ids.txt"), samples, StandardCharsets.UTF_8);

    Map<String, Object> summary = new LinkedHashMap<>();
    Map<String, Object> optionsJson = new LinkedHashMap<>();
    optionsJson.put("province_code", options.provinceCode());
    optionsJson.put("from", options.from().toString());
    optionsJson.put("to", options.to().toString());
    optionsJson.put("scale", options.scale());
    optionsJson.put("seed", options.seed());
    summary.put("options", optionsJson);
    summary.put("admin_units_source", units.source());
    Map<String, Object> wards = new LinkedHashMap<>();
    wards.put("pre_reform", plan.workUnits.stream().mapToInt(unit -> unit.olds().size()).sum());
    wards.put("post_reform", plan.workUnits.size());
    summary.put("wards", wards);
    summary.put("population_snapshots", plan.snapshots.stream().map(LocalDate::toString).toList());
    List<Map<String, Object>> files = new ArrayList<>();
    fileStats.forEach(
        (path, counts) -> {
          Map<String, Object> file = new LinkedHashMap<>();
          file.put("feed", path.substring(0, path.indexOf('/')));
          file.put("file", path);
          file.put("rows_read", counts[0]);
          file.put(
              "rows_quarantined_by_reason",
              reasonMap(java.util.Arrays.copyOfRange(counts, 1, counts.length)));
          files.add(file);
        });
    summary.put("files", files);
    Map<String, Object> feedsJson = new LinkedHashMap<>();
    feeds.forEach(
        (folder, totals) -> {
          Map<String, Object> feed = new LinkedHashMap<>();
          feed.put("rows_read", totals.rowsRead());
          feed.put("rows_accepted", totals.rowsAccepted());
          feed.put("rows_quarantined", totals.rowsQuarantined());
          feed.put("quarantined_by_reason", new java.util.TreeMap<>(totals.quarantinedByReason()));
          feedsJson.put(folder, feed);
        });
    summary.put("feeds", feedsJson);
    summary.put("distinct_application_ids", acceptedApplications + quarantinedApplications);
    summary.put("accepted_application_ids", acceptedApplications);
    summary.put("distinct_dossier_ids", acceptedDossiers + quarantinedDossiers);
    summary.put("accepted_dossier_ids", acceptedDossiers);
    Map<String, Object> dailyJson = new LinkedHashMap<>();
    dailyJson.put("expected", reports.expected());
    dailyJson.put("on_time", reports.onTime());
    dailyJson.put("late", reports.late());
    dailyJson.put("missing", reports.missing());
    dailyJson.put("misreported", reports.misreported());
    summary.put("daily_reports", dailyJson);
    summary.put("targets", targetRows);
    summary.put("campaigns", plan.campaigns.stream().map(Campaign::name).toList());
    summary.put("ward_month_rows", rows.size());
    summary.put(
        "planted_anomalies",
        plan.plants.all().stream()
            .map(
                place -> {
                  Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("kind", place.kind().name());
                  entry.put("ward_code", place.wardCode());
                  entry.put("month", place.month().toString());
                  return entry;
                })
            .toList());
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(manifest.resolve("summary.json").toFile(), summary);

    feeds.forEach(
        (folder, totals) ->
            System.err.printf(
                "generated %s: %,d rows (%,d to quarantine)%n",
                folder, totals.rowsRead(), totals.rowsQuarantined()));
    return new GeneratorSummary(
        out,
        feeds,
        fileStats.size(),
        acceptedApplications + quarantinedApplications,
        acceptedApplications,
        acceptedDossiers + quarantinedDossiers,
        acceptedDossiers,
        reports,
        targetRows,
        rows.size(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  private static Map<String, Long> reasonMap(long[] reasons) {
    Map<String, Long> map = new LinkedHashMap<>();
    for (QuarantineReason reason : QuarantineReason.values()) {
      if (reasons[reason.ordinal()] > 0) {
        map.put(reason.name(), reasons[reason.ordinal()]);
      }
    }
    return map;
  }

  private static <T> T get(Future<T> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating feeds", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Removes what an earlier run wrote: our files in the feed folders and the manifest folder. */
  private static void clearEarlierOutput(Path out) throws IOException {
    for (Feed feed : Feed.values()) {
      Path folder = out.resolve(feed.folder());
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          for (Path file : files.toList()) {
            if (file.getFileName().toString().startsWith(feed.folder() + "_")
                && Files.isRegularFile(file)) {
              Files.delete(file);
            }
          }
        }
      }
    }
    deleteTree(out.resolve(MANIFEST_FOLDER));
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static void writeWardMonth(Path file, List<WardMonthTable.Row> rows) throws IOException {
    List<String> columns = WardMonthTable.columns();
    List<String> header = new ArrayList<>(List.of("ward_code", "month"));
    header.addAll(columns);
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, ChunkWriter.CSV)) {
      printer.printRecord(header);
      for (WardMonthTable.Row row : rows) {
        List<String> values = new ArrayList<>(header.size());
        values.add(row.wardCode());
        values.add(row.month().toString());
        for (String column : columns) {
          Long value = row.values().get(column);
          values.add(value == null ? "" : value.toString());
        }
        printer.printRecord(values);
      }
    }
  }

  /**
   * The planted anomalies' cells ({@link Plants#cells}): kind, unit_code, period, metric, planted
   * (true: the anomaly step must flag it; false: a consequence it may flag).
   */
  public static final String ANOMALIES_FILE = "anomalies.csv";

  private static void writeAnomalies(Path file, Plan plan) throws IOException {
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, ChunkWriter.CSV)) {
      printer.printRecord("kind", "unit_code", "period", "metric", "planted");
      for (Plants.Place place : plan.plants.all()) {
        for (String[] cell : Plants.cells(place, plan)) {
          printer.printRecord(place.kind().name(), cell[0], cell[1], cell[2], cell[3]);
        }
      }
    }
  }

  private record TargetFile(FileFormat format, int rows) {}

  /**
   * Ward targets of cumulative level-2 activations for each campaign (a share of the ward's
   * eligible population when the campaign starts), and the province's Đề án 06 targets after the
   * reform.
   */
  private static List<TargetFile> writeTargets(Plan plan, List<WardMonthTable.Row> rows, Path out)
      throws IOException {
    long seed = plan.options.seed();
    List<String[]> wardTargets = new ArrayList<>();
    for (int c = 0; c < plan.campaigns.size(); c++) {
      Campaign campaign = plan.campaigns.get(c);
      YearMonth month = YearMonth.from(Plan.max(campaign.start(), plan.startDate));
      for (WardMonthTable.Row row : rows) {
        Long eligible = row.values().get("eligible_population");
        if (!row.month().equals(month) || eligible == null || eligible == 0) {
          continue;
        }
        SplittableRandom random = Rng.of(seed, 0x7A4, c, Rng.code(row.wardCode()));
        long target =
            Math.max(
                1, Math.round(eligible * campaign.coverageGoal() * Rng.uniform(random, 0.9, 1.1)));
        wardTargets.add(
            new String[] {
              row.wardCode(),
              "eid_activations_l2_cum",
              Long.toString(target),
              null,
              null,
              campaign.name()
            });
        wardTargets.get(wardTargets.size() - 1)[3] = campaign.start().toString();
        wardTargets.get(wardTargets.size() - 1)[4] = campaign.deadline().toString();
      }
    }
    List<String[]> provinceTargets = new ArrayList<>();
    if (!plan.endDate.isBefore(Era.REFORM_DATE)) {
      String name = "Chỉ tiêu Đề án 06 của tỉnh, 01/7/2025–31/12/2026";
      for (String[] target :
          List.of(
              new String[] {
                "online_rate", String.format(Locale.ROOT, "%.2f", Metrics.onlineGoal())
              },
              new String[] {"dq_clean_rate", "0.95"},
              new String[] {"eid_l2_coverage_rate", "0.80"})) {
        provinceTargets.add(
            new String[] {
              plan.options.provinceCode(), target[0], target[1], "2025-07-01", "2026-12-31", name
            });
      }
    }
    List<TargetFile> files = new ArrayList<>();
    files.add(
        writeTargetFile(
            out,
            FileFormat.choose(seed, Feed.TARGETS, "targets_chien_dich", true, false, false),
            wardTargets));
    files.add(
        writeTargetFile(
            out,
            FileFormat.choose(seed, Feed.TARGETS, "targets_tinh", false, false, false),
            provinceTargets));
    return files;
  }

  private static TargetFile writeTargetFile(Path out, FileFormat format, List<String[]> targets)
      throws IOException {
    Path file = out.resolve(format.relativePath());
    Files.createDirectories(file.getParent());
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, ChunkWriter.CSV)) {
      if (format.bom()) {
        writer.write('\uFEFF');
      }
      printer.printRecord((Object[]) format.header());
      for (String[] target : targets) {
        String[] values = target.clone();
        values[3] = format.date(LocalDate.parse(target[3]));
        values[4] = format.date(LocalDate.parse(target[4]));
        printer.printRecord((Object[]) format.arrange(values, ""));
      }
    }
    return new TargetFile(format, targets.size());
  }
}
