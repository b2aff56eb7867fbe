package vn.da06.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.warehouse.Feed;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.admin.Era;

class GeneratorTest {

  private static final FakeAdminUnits UNITS = FakeAdminUnits.INSTANCE;
  private static final List<String> CHANNELS = List.of("OFFICE", "MOBILE_TEAM", "APP");
  private static final List<String> STATUSES = List.of("RECEIVED", "APPROVED", "REJECTED");

  @TempDir static Path temp;
  private static Path out;
  private static GeneratorSummary summary;
  private static JsonNode summaryJson;

  /** ward_code|month → column → value (null for an empty cell). */
  private static Map<String, Map<String, Long>> manifest;

  @BeforeAll
  static void generateOnce() throws IOException {
    out = temp.resolve("inbox");
    summary = Generator.generate(options(out, 0.1, 2), UNITS);
    summaryJson = new ObjectMapper().readTree(out.resolve("_manifest/summary.json").toFile());
    manifest = new HashMap<>();
    for (Map<String, String> row :
        FeedFiles.parse(out.resolve("_manifest/ward_month.csv")).rows()) {
      Map<String, Long> values = new HashMap<>();
      row.forEach(
          (column, value) -> {
            if (!column.equals("ward_code") && !column.equals("month")) {
              values.put(column, value.isEmpty() ? null : Long.parseLong(value));
            }
          });
      manifest.put(row.get("ward_code") + "|" + row.get("month"), values);
    }
  }

  private static GeneratorOptions options(Path out, double scale, int threads) {
    return new GeneratorOptions(
        out, "20", YearMonth.of(2022, 3), YearMonth.of(2026, 10), scale, 7, threads);
  }

  @Test
  void writesByteIdenticalOutputForTheSameSeedWhateverTheThreadCount(@TempDir Path other)
      throws IOException {
    Path first = other.resolve("one-thread");
    Path second = other.resolve("three-threads");
    Generator.generate(options(first, 0.03, 1), UNITS);
    Generator.generate(options(second, 0.03, 3), UNITS);

    Map<String, byte[]> firstFiles = contents(first);
    Map<String, byte[]> secondFiles = contents(second);
    assertThat(secondFiles.keySet()).isEqualTo(firstFiles.keySet());
    assertThat(firstFiles.keySet()).contains("_manifest/ward_month.csv", "_manifest/summary.json");
    firstFiles.forEach(
        (name, bytes) -> assertThat(secondFiles.get(name)).as(name).isEqualTo(bytes));
  }

  @Test
  void aDifferentSeedGivesDifferentRows(@TempDir Path other) throws IOException {
    Path seeded = other.resolve("seed-8");
    Generator.generate(
        new GeneratorOptions(
            seeded, "20", YearMonth.of(2023, 1), YearMonth.of(2023, 3), 0.03, 8, 2),
        UNITS);
    Path reference = other.resolve("seed-7");
    Generator.generate(
        new GeneratorOptions(
            reference, "20", YearMonth.of(2023, 1), YearMonth.of(2023, 3), 0.03, 7, 2),
        UNITS);
    assertThat(Files.readAllBytes(seeded.resolve("population/population_2023-03-31.csv")))
        .isNotEqualTo(
            Files.readAllBytes(reference.resolve("population/population_2023-03-31.csv")));
  }

  @Test
  void everyFileParsesAndHasExactlyTheContractsColumns() {
    int bom = 0;
    int gzip = 0;
    int extra = 0;
    int shuffledOrCased = 0;
    for (Feed feed : Feed.values()) {
      List<Path> files = FeedFiles.files(out, feed.folder());
      assertThat(files).as(feed.folder()).isNotEmpty();
      for (Path file : files) {
        FeedFiles.Parsed parsed = FeedFiles.parse(file);
        Set<String> lower = new HashSet<>();
        parsed.header().forEach(name -> lower.add(name.toLowerCase(Locale.ROOT)));
        assertThat(lower).as(file.toString()).containsAll(feed.requiredColumns());
        Set<String> allowed = new HashSet<>(feed.columns());
        allowed.add(FileFormat.EXTRA_COLUMN);
        assertThat(allowed).as(file.toString()).containsAll(lower);
        // The portals' 2025 columns: in the service_dossiers files from July 2025 on, and only
        // there, as real exports had them.
        boolean portal2025 =
            feed == Feed.SERVICE_DOSSIERS
                && file.getFileName().toString().compareTo("service_dossiers_2025-07") >= 0;
        assertThat(lower)
            .as(file.toString())
            .containsAll(
                feed.columns().stream()
                    .filter(c -> portal2025 || !FileFormat.PORTAL_2025_COLUMNS.contains(c))
                    .toList());
        if (!portal2025) {
          assertThat(lower)
              .as(file.toString())
              .doesNotContainAnyElementsOf(FileFormat.PORTAL_2025_COLUMNS);
        }
        bom += parsed.bom() ? 1 : 0;
        gzip += file.toString().endsWith(".csv.gz") ? 1 : 0;
        extra += lower.contains(FileFormat.EXTRA_COLUMN) ? 1 : 0;
        shuffledOrCased += parsed.header().equals(FileFormat.naturalColumns(feed)) ? 0 : 1;
      }
    }
    assertThat(bom).isPositive();
    assertThat(gzip).isPositive();
    assertThat(extra).isGreaterThanOrEqualTo(2);
    assertThat(shuffledOrCased).isPositive();
  }

  @Test
  void writesTimestampsAndDatesInEveryFormTheContractAllows() {
    List<Map<String, String>> applications = FeedFiles.rows(out, "eid_applications");
    assertThat(applications).anyMatch(row -> row.get("updated_at").endsWith("+07:00"));
    assertThat(applications)
        .anyMatch(
            row -> row.get("updated_at").contains("T") && !row.get("updated_at").contains("+"));
    assertThat(applications).anyMatch(row -> row.get("updated_at").contains(" "));
    List<Map<String, String>> population = FeedFiles.rows(out, "population");
    assertThat(population).anyMatch(row -> row.get("birth_date").contains("/"));
    assertThat(population).anyMatch(row -> row.get("birth_date").matches("\\d{4}-\\d{2}-\\d{2}"));
    assertThat(applications)
        .anyMatch(row -> row.getOrDefault(FileFormat.EXTRA_COLUMN, "").contains("\""));
  }

  @Test
  void manifestHasARowPerWardOfTheMonthsEraWithTheMetricColumnsInOrder() throws IOException {
    List<String> header = FeedFiles.parse(out.resolve("_manifest/ward_month.csv")).header();
    List<String> expected = new ArrayList<>(List.of("ward_code", "month"));
    Metrics.counts().stream().map(Metric::column).forEach(expected::add);
    expected.addAll(Metrics.HELPER_COUNTS);
    assertThat(header).isEqualTo(expected);

    Set<String> keys = new HashSet<>();
    for (YearMonth month = YearMonth.of(2022, 3);
        !month.isAfter(YearMonth.of(2026, 10));
        month = month.plusMonths(1)) {
      Era era = Era.ofMonth(month.toString());
      for (var ward : UNITS.wardsOfCurrentProvince("20", era)) {
        keys.add(ward.code() + "|" + month);
      }
    }
    assertThat(manifest.keySet()).isEqualTo(keys);
    assertThat(manifest.get("06016|2023-03").get("dq_records")).isNotNull();
    assertThat(manifest.get("06016|2023-04").get("dq_records")).isNull();
    assertThat(manifest.get("06016|2023-04").get("eligible_population")).isNotNull();
    assertThat(manifest.get("06001|2026-10").get("dq_records"))
        .as("snapshot at the end of 'to'")
        .isNotNull();
  }

  @Test
  void manifestApplicationCountsEqualARecountOfTheLatestAcceptedVersions() {
    Map<String, Map<String, String>> latest = new HashMap<>();
    Map<String, Long> quarantined = new TreeMap<>();
    long rows = 0;
    for (Map<String, String> row : FeedFiles.rows(out, "eid_applications")) {
      rows++;
      String reason = applicationQuarantineReason(row);
      if (reason != null) {
        quarantined.merge(reason, 1L, Long::sum);
        continue;
      }
      latest.merge(
          row.get("application_id"),
          row,
          (a, b) ->
              FeedFiles.timestamp(a.get("updated_at"))
                      .isBefore(FeedFiles.timestamp(b.get("updated_at")))
                  ? b
                  : a);
    }
    JsonNode feed = summaryJson.path("feeds").path("eid_applications");
    assertThat(feed.path("rows_read").asLong()).isEqualTo(rows);
    Map<String, Long> expectedReasons = new TreeMap<>();
    feed.path("quarantined_by_reason")
        .fields()
        .forEachRemaining(e -> expectedReasons.put(e.getKey(), e.getValue().asLong()));
    assertThat(quarantined).isEqualTo(expectedReasons);
    assertThat(quarantined.keySet())
        .contains(
            "ACTIVATED_BEFORE_RECEIVED",
            "ACTIVATED_WHEN_REJECTED",
            "LEVEL2_VIA_APP",
            "UNKNOWN_WARD",
            "BAD_ENUM",
            "UNPARSEABLE_VALUE");
    assertThat(summaryJson.path("accepted_application_ids").asLong()).isEqualTo(latest.size());
    assertThat(rows)
        .as("some applications are exported twice")
        .isGreaterThan(
            latest.size() + quarantined.values().stream().mapToLong(Long::longValue).sum());

    Map<String, Long> applicationsL2 = new HashMap<>();
    Map<String, Long> activationsL1 = new HashMap<>();
    for (Map<String, String> row : latest.values()) {
      LocalDateTime received = FeedFiles.timestamp(row.get("received_at"));
      LocalDateTime activated = FeedFiles.timestamp(row.get("activated_at"));
      if (row.get("level").equals("2")) {
        applicationsL2.merge(
            wardAsOf(row.get("ward_code"), received.toLocalDate(), received.toLocalDate())
                + "|"
                + YearMonth.from(received),
            1L,
            Long::sum);
      }
      if (row.get("level").equals("1") && activated != null) {
        activationsL1.merge(
            wardAsOf(row.get("ward_code"), received.toLocalDate(), activated.toLocalDate())
                + "|"
                + YearMonth.from(activated),
            1L,
            Long::sum);
      }
    }
    assertThat(applicationsL2.values().stream().mapToLong(Long::longValue).sum())
        .isGreaterThan(100);
    manifest.forEach(
        (key, values) -> {
          assertThat(values.get("eid_applications_l2"))
              .as("eid_applications_l2 " + key)
              .isEqualTo(applicationsL2.getOrDefault(key, 0L));
          assertThat(values.get("eid_activations_l1"))
              .as("eid_activations_l1 " + key)
              .isEqualTo(activationsL1.getOrDefault(key, 0L));
        });
    // Activations after the reform of applications received before it count at the primary current
    // ward.
    long lateActivations =
        latest.values().stream()
            .filter(row -> !row.get("activated_at").isEmpty())
            .filter(
                row ->
                    Era.on(FeedFiles.timestamp(row.get("received_at")).toLocalDate())
                        == Era.PRE_REFORM)
            .filter(
                row ->
                    Era.on(FeedFiles.timestamp(row.get("activated_at")).toLocalDate())
                        == Era.POST_REFORM)
            .count();
    assertThat(lateActivations).isPositive();
  }

  @Test
  void cumulativeCountsAfterTheReformIncludeTheHistoryOfTheOldWards() {
    long before = 0;
    for (String old : List.of("06001", "06007")) {
      before += manifest.get(old + "|2025-06").get("eid_activations_l2_cum");
    }
    Map<String, Long> july = manifest.get("06001|2025-07");
    assertThat(july.get("eid_activations_l2_cum"))
        .isEqualTo(before + july.get("eid_activations_l2"));
    Map<String, Long> reused = manifest.get("06007|2025-07");
    assertThat(reused.get("eid_activations_l2_cum"))
        .as("06007 after the reform receives old 06004, not old 06007")
        .isEqualTo(
            manifest.get("06004|2025-06").get("eid_activations_l2_cum")
                + reused.get("eid_activations_l2"));
    assertThat(july.get("eid_applications_cum"))
        .isEqualTo(july.get("eid_applications_l1_cum") + july.get("eid_applications_l2_cum"));
  }

  @Test
  void manifestDossierCountsEqualARecountOfTheFiles() {
    Map<String, Map<String, String>> latest = new HashMap<>();
    for (Map<String, String> row : FeedFiles.rows(out, "service_dossiers")) {
      LocalDateTime submitted = FeedFiles.timestamp(row.get("submitted_at"));
      boolean accepted =
          submitted != null
              && UNITS.ward(row.get("ward_code"), submitted.toLocalDate()).isPresent()
              && List.of("ONLINE", "COUNTER", "POSTAL").contains(row.get("channel"))
              && List.of("VNEID", "PORTAL", "NONE").contains(row.get("auth_method"))
              && List.of("", "FULL", "PARTIAL").contains(row.getOrDefault("online_scope", ""))
              && List.of("", "NONE", "PAID_ONLINE", "PAID_OFFLINE")
                  .contains(row.getOrDefault("fee", ""))
              && (row.getOrDefault("online_scope", "").isEmpty()
                  || row.get("channel").equals("ONLINE"));
      if (accepted) {
        latest.merge(
            row.get("dossier_id"),
            row,
            (a, b) ->
                FeedFiles.timestamp(a.get("updated_at"))
                        .isBefore(FeedFiles.timestamp(b.get("updated_at")))
                    ? b
                    : a);
      }
    }
    assertThat(summaryJson.path("accepted_dossier_ids").asLong()).isEqualTo(latest.size());
    Map<String, Long> total = new HashMap<>();
    Map<String, Long> onTime = new HashMap<>();
    for (Map<String, String> row : latest.values()) {
      LocalDateTime submitted = FeedFiles.timestamp(row.get("submitted_at"));
      total.merge(
          wardAsOf(row.get("ward_code"), submitted.toLocalDate(), submitted.toLocalDate())
              + "|"
              + YearMonth.from(submitted),
          1L,
          Long::sum);
      LocalDateTime resolved = FeedFiles.timestamp(row.get("resolved_at"));
      LocalDateTime due = FeedFiles.timestamp(row.get("due_at"));
      if (resolved != null && due != null && !resolved.isAfter(due)) {
        onTime.merge(
            wardAsOf(row.get("ward_code"), submitted.toLocalDate(), resolved.toLocalDate())
                + "|"
                + YearMonth.from(resolved),
            1L,
            Long::sum);
      }
    }
    // The 2025 columns, recounted from the latest rows: a ward-month has a figure only where some
    // of its dossiers' latest rows came from a file carrying the columns.
    Map<String, Long> full = new HashMap<>();
    Map<String, Long> paidOnline = new HashMap<>();
    Map<String, Long> paid = new HashMap<>();
    Map<String, Long> digitized = new HashMap<>();
    for (Map<String, String> row : latest.values()) {
      if (!row.containsKey("online_scope")) {
        continue;
      }
      LocalDateTime submitted = FeedFiles.timestamp(row.get("submitted_at"));
      String submittedKey =
          wardAsOf(row.get("ward_code"), submitted.toLocalDate(), submitted.toLocalDate())
              + "|"
              + YearMonth.from(submitted);
      full.merge(submittedKey, row.get("online_scope").equals("FULL") ? 1L : 0L, Long::sum);
      paidOnline.merge(submittedKey, row.get("fee").equals("PAID_ONLINE") ? 1L : 0L, Long::sum);
      paid.merge(submittedKey, row.get("fee").startsWith("PAID_") ? 1L : 0L, Long::sum);
      LocalDateTime resolved = FeedFiles.timestamp(row.get("resolved_at"));
      if (resolved != null) {
        digitized.merge(
            wardAsOf(row.get("ward_code"), submitted.toLocalDate(), resolved.toLocalDate())
                + "|"
                + YearMonth.from(resolved),
            row.get("result_digitized").equals("true") ? 1L : 0L,
            Long::sum);
      }
    }
    assertThat(full).isNotEmpty();
    manifest.forEach(
        (key, values) -> {
          assertThat(values.get("dossiers_total"))
              .as("dossiers_total " + key)
              .isEqualTo(total.getOrDefault(key, 0L));
          assertThat(values.get("dossiers_resolved_on_time"))
              .as("dossiers_resolved_on_time " + key)
              .isEqualTo(onTime.getOrDefault(key, 0L));
          assertThat(values.get("dossiers_online_full"))
              .as("dossiers_online_full " + key)
              .isEqualTo(full.get(key));
          assertThat(values.get("dossiers_fee_paid_online"))
              .as("dossiers_fee_paid_online " + key)
              .isEqualTo(paidOnline.get(key));
          assertThat(values.get("dossiers_fee_paid"))
              .as("dossiers_fee_paid " + key)
              .isEqualTo(paid.get(key));
          assertThat(values.get("dossiers_resolved_digitized"))
              .as("dossiers_resolved_digitized " + key)
              .isEqualTo(digitized.get(key));
          assertThat(values.get("dossiers_total_with_scope"))
              .as("dossiers_total_with_scope " + key)
              .isEqualTo(full.containsKey(key) ? values.get("dossiers_total") : null);
        });
  }

  @Test
  void toanTrinhRisesAfterTheReformAndIsUnknownBeforeThe2025Exports() {
    assertThat(fullyOnlineRate("2024-")).isNull();
    assertThat(fullyOnlineRate("2025-07")).isBetween(0.12, 0.3);
    assertThat(fullyOnlineRate("2026-")).isBetween(0.4, 0.65);
    assertThat(rate("2026-", "dossiers_fee_paid_online", "dossiers_fee_paid")).isBetween(0.2, 0.7);
    assertThat(rate("2026-", "dossiers_resolved_digitized", "dossiers_resolved_with_digitization"))
        .isBetween(0.6, 0.98);
  }

  private static Double fullyOnlineRate(String monthPrefix) {
    return rate(monthPrefix, "dossiers_online_full", "dossiers_total_with_scope");
  }

  /** Σ numerator / Σ denominator over the manifest's ward-months with a value, else null. */
  private static Double rate(String monthPrefix, String numerator, String denominator) {
    long top = 0;
    long bottom = 0;
    for (Map.Entry<String, Map<String, Long>> entry : manifest.entrySet()) {
      Long value = entry.getValue().get(numerator);
      if (entry.getKey().contains("|" + monthPrefix) && value != null) {
        top += value;
        bottom += entry.getValue().get(denominator);
      }
    }
    return bottom == 0 ? null : (double) top / bottom;
  }

  @Test
  void manifestPopulationRecordsEqualARecountOfTheAcceptedRows() {
    Map<String, Long> records = new HashMap<>();
    long quarantined = 0;
    long read = 0;
    for (Map<String, String> row : FeedFiles.rows(out, "population")) {
      read++;
      LocalDate date = FeedFiles.date(row.get("snapshot_date"));
      if (date == null || UNITS.ward(row.get("ward_code"), date).isEmpty()) {
        quarantined++;
        continue;
      }
      records.merge(row.get("ward_code") + "|" + YearMonth.from(date), 1L, Long::sum);
    }
    JsonNode feed = summaryJson.path("feeds").path("population");
    assertThat(feed.path("rows_read").asLong()).isEqualTo(read);
    assertThat(feed.path("rows_quarantined").asLong()).isEqualTo(quarantined).isPositive();
    manifest.forEach(
        (key, values) -> {
          if (values.get("dq_records") != null) {
            assertThat(values.get("dq_records"))
                .as("dq_records " + key)
                .isEqualTo(records.getOrDefault(key, 0L));
          } else {
            assertThat(records).doesNotContainKey(key);
          }
        });
  }

  @Test
  void dataQualityDefectsHaveRealisticRatesThatVaryByWardAndImprove() {
    long records = 0;
    Map<String, Long> defects = new HashMap<>();
    for (Map<String, Long> values : manifest.values()) {
      if (values.get("dq_records") == null) {
        continue;
      }
      records += values.get("dq_records");
      for (String column :
          List.of("dq_incorrect", "dq_incomplete", "dq_unclean", "dq_stale", "dq_clean_records")) {
        defects.merge(column, values.get(column), Long::sum);
      }
    }
    assertThat(records).isGreaterThan(50_000);
    for (String column : List.of("dq_incorrect", "dq_incomplete", "dq_unclean", "dq_stale")) {
      double rate = (double) defects.get(column) / records;
      assertThat(rate).as(column).isBetween(0.004, 0.06);
    }
    assertThat((double) defects.get("dq_clean_records") / records).isBetween(0.85, 0.99);
    assertThat(cleanRate("2022-03")).isLessThan(cleanRate("2026-09"));
  }

  private static double cleanRate(String month) {
    long records = 0;
    long clean = 0;
    for (Map.Entry<String, Map<String, Long>> entry : manifest.entrySet()) {
      if (entry.getKey().endsWith("|" + month)) {
        records += entry.getValue().get("dq_records");
        clean += entry.getValue().get("dq_clean_records");
      }
    }
    return (double) clean / records;
  }

  @Test
  void onlineShareRisesTowardTheGoal() {
    assertThat(onlineRate("2022")).isBetween(0.1, 0.35);
    assertThat(onlineRate("2026")).isBetween(0.55, 0.85);
  }

  private static double onlineRate(String year) {
    long total = 0;
    long online = 0;
    for (Map.Entry<String, Map<String, Long>> entry : manifest.entrySet()) {
      if (entry.getKey().contains("|" + year + "-")) {
        total += entry.getValue().get("dossiers_total");
        online += entry.getValue().get("dossiers_online");
      }
    }
    return (double) online / total;
  }

  @Test
  void dailyReportsCoverEveryCampaignDayExceptTheMissingOnes() {
    List<Map<String, String>> reports = FeedFiles.rows(out, "daily_reports");
    JsonNode daily = summaryJson.path("daily_reports");
    long expected = daily.path("expected").asLong();
    // 114 days of 2023 and 122 of 2024 for 6 old wards, 61 days of 2026 (to 31/10) for 3 current
    // wards.
    assertThat(expected).isEqualTo((114 + 122) * 6 + 61 * 3);
    assertThat(
            daily.path("on_time").asLong()
                + daily.path("late").asLong()
                + daily.path("missing").asLong())
        .isEqualTo(expected);
    assertThat(reports).hasSize((int) (expected - daily.path("missing").asLong()));
    long onTime =
        reports.stream()
            .filter(
                row ->
                    FeedFiles.timestamp(row.get("submitted_at"))
                        .isBefore(
                            FeedFiles.date(row.get("report_date"))
                                .atTime(Metrics.DAILY_REPORT_DEADLINE_HOUR, 0)))
            .count();
    assertThat(onTime).isEqualTo(daily.path("on_time").asLong());
    assertThat(daily.path("late").asLong()).isPositive();
    assertThat(daily.path("missing").asLong()).isPositive();
    assertThat(daily.path("misreported").asLong()).isPositive();
  }

  @Test
  void targetsGiveEachWardItsCampaignGoalAndTheProvinceItsRates() {
    List<Map<String, String>> targets = FeedFiles.rows(out, "targets");
    assertThat(summaryJson.path("targets").asInt()).isEqualTo(targets.size());
    assertThat(targets)
        .anyMatch(
            row ->
                row.get("unit_code").equals("06013")
                    && row.get("metric").equals("eid_activations_l2_cum")
                    && row.get("campaign")
                        .equals("Chiến dịch cấp và kích hoạt ĐDĐT mức 2, 10/7–31/10/2023"));
    assertThat(targets)
        .anyMatch(
            row ->
                row.get("unit_code").equals("06007")
                    && FeedFiles.date(row.get("period_start")).equals(LocalDate.of(2026, 9, 1)));
    assertThat(targets)
        .anyMatch(
            row ->
                row.get("unit_code").equals("20")
                    && row.get("metric").equals("online_rate")
                    && Double.parseDouble(row.get("target_value")) == Metrics.onlineGoal());
  }

  @Test
  void sampleCitizenIdsAreRealIdsFromTheFeeds() throws IOException {
    List<String> samples = Files.readAllLines(out.resolve("_manifest/sample_citizen_ids.txt"));
    assertThat(samples).hasSizeBetween(10, 50).allMatch(id -> id.matches("0\\d{11}"));
    Set<String> populationIds = new HashSet<>();
    FeedFiles.rows(out, "population").forEach(row -> populationIds.add(row.get("citizen_id")));
    assertThat(populationIds).containsAll(samples);
  }

  @Test
  void summaryTotalsAddUp() {
    for (GeneratorSummary.FeedTotals totals : summary.feeds().values()) {
      assertThat(totals.rowsRead()).isEqualTo(totals.rowsAccepted() + totals.rowsQuarantined());
    }
    double quarantineShare =
        (double) summary.feeds().get("eid_applications").rowsQuarantined()
            / summary.feeds().get("eid_applications").rowsRead();
    assertThat(quarantineShare).isCloseTo(0.008, within(0.007));
    assertThat(summary.files()).isEqualTo(summaryJson.path("files").size());
  }

  @Test
  void rejectsOptionsThatMakeNoSense() {
    Path somewhere = Path.of("inbox");
    assertThatThrownBy(
            () ->
                new GeneratorOptions(
                    somewhere, "2", YearMonth.of(2022, 3), YearMonth.of(2026, 10), 1, 7, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("province code is not 2 digits: '2'");
    assertThatThrownBy(
            () ->
                new GeneratorOptions(
                    somewhere, "20", YearMonth.of(2026, 3), YearMonth.of(2025, 10), 1, 7, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("from 2026-03 is after to 2025-10");
    assertThatThrownBy(
            () ->
                new GeneratorOptions(
                    somewhere, "20", YearMonth.of(2022, 3), YearMonth.of(2026, 10), 0, 7, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scale must be > 0 and ≤ 10000: 0.0");
    assertThatThrownBy(
            () ->
                new GeneratorOptions(
                    somewhere, "20", YearMonth.of(2022, 3), YearMonth.of(2026, 10), 1, 7, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be ≥ 1: 0");
    GeneratorOptions elsewhere =
        new GeneratorOptions(
            temp.resolve("elsewhere"),
            "01",
            YearMonth.of(2023, 1),
            YearMonth.of(2023, 1),
            0.01,
            7,
            1);
    assertThatThrownBy(() -> Generator.generate(elsewhere, UNITS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot generate feeds: province 01 has no current wards in test:fake"
                + " (give a post-reform 2-digit province code, e.g. 20)");
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  /** The test's own reading of the contract's quarantine rules for eid_applications. */
  private static String applicationQuarantineReason(Map<String, String> row) {
    LocalDateTime received = FeedFiles.timestamp(row.get("received_at"));
    LocalDateTime updated = FeedFiles.timestamp(row.get("updated_at"));
    String activatedText = row.get("activated_at");
    LocalDateTime activated = FeedFiles.timestamp(activatedText);
    if (received == null || updated == null || (!activatedText.isEmpty() && activated == null)) {
      return "UNPARSEABLE_VALUE";
    }
    if (!List.of("1", "2").contains(row.get("level"))
        || !CHANNELS.contains(row.get("channel"))
        || !STATUSES.contains(row.get("status"))) {
      return "BAD_ENUM";
    }
    if (UNITS.ward(row.get("ward_code"), received.toLocalDate()).isEmpty()) {
      return "UNKNOWN_WARD";
    }
    if (activated != null && activated.isBefore(received)) {
      return "ACTIVATED_BEFORE_RECEIVED";
    }
    if (activated != null && row.get("status").equals("REJECTED")) {
      return "ACTIVATED_WHEN_REJECTED";
    }
    if (row.get("level").equals("2") && row.get("channel").equals("APP")) {
      return "LEVEL2_VIA_APP";
    }
    return null;
  }

  /**
   * The ward an event counts at: a pre-reform record's ward goes to its primary current ward from
   * July 2025.
   */
  private static String wardAsOf(String recordWard, LocalDate recordDay, LocalDate eventDay) {
    return Era.on(eventDay) == Era.POST_REFORM && Era.on(recordDay) == Era.PRE_REFORM
        ? UNITS.primaryCurrentWard(recordWard).orElseThrow()
        : recordWard;
  }

  private static Map<String, byte[]> contents(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    return files;
  }
}
