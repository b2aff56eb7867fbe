package vn.da06.jobs.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import vn.da06.warehouse.Feed;
import vn.da06.warehouse.admin.AdminUnits;
import vn.da06.warehouse.admin.Era;
import vn.da06.warehouse.admin.Ward;

/**
 * Everything the units of work share, decided once before any row is written: the months, snapshot
 * dates, campaigns, wards and their traits, residents per ward, and every file's format.
 */
final class Plan {

  /** e-ID uptake starts on 25/02/2022. */
  static final LocalDate EID_START = LocalDate.of(2022, 2, 25);

  /** A unit of work: one current ward and the pre-reform wards whose primary link lands in it. */
  record Unit(int index, Ward current, List<Ward> olds) {}

  /** Per-ward character, so that some wards do much worse than others. */
  record WardTraits(
      double weight,
      double dataQuality,
      double uptake,
      double onlineLean,
      double reportSloppiness,
      double onTime) {}

  final GeneratorOptions options;
  final AdminUnits units;
  final List<YearMonth> months;
  final LocalDate startDate;
  final LocalDate endDate;
  final LocalDateTime end;
  final List<LocalDate> snapshots;
  final List<Campaign> campaigns;
  final List<Unit> workUnits;
  final int idCapacity;
  private final double[][] dayWeightPrefix;
  private final Map<String, Integer> residents = new HashMap<>();
  private final Map<String, WardTraits> traits = new HashMap<>();
  final Map<Era, List<String>> unknownWards = new HashMap<>();
  final Map<YearMonth, FileFormat> applicationFiles = new LinkedHashMap<>();
  final Map<YearMonth, FileFormat> dossierFiles = new LinkedHashMap<>();
  final Map<LocalDate, FileFormat> populationFiles = new LinkedHashMap<>();
  final Map<YearMonth, FileFormat> reportFiles = new LinkedHashMap<>();

  /** The anomalies planted (issue 24); none unless the generator is asked to plant. */
  Plants plants = Plants.NONE;

  Plan(GeneratorOptions options, AdminUnits units) {
    this.options = options;
    this.units = units;
    List<YearMonth> monthList = new ArrayList<>();
    for (YearMonth m = options.from(); !m.isAfter(options.to()); m = m.plusMonths(1)) {
      monthList.add(m);
    }
    this.months = List.copyOf(monthList);
    this.startDate = options.from().atDay(1);
    this.endDate = options.to().atEndOfMonth();
    this.end = endDate.atTime(23, 59, 59);
    List<LocalDate> snapshotList = new ArrayList<>();
    for (YearMonth m : months) {
      boolean periodEnd =
          switch (options.snapshots()) {
            case QUARTERLY -> m.getMonthValue() % 3 == 0;
            case YEARLY -> m.getMonthValue() == 12;
            case LATEST -> false;
          };
      if (periodEnd || m.equals(options.to())) {
        snapshotList.add(m.atEndOfMonth());
      }
    }
    this.snapshots = List.copyOf(snapshotList);
    this.campaigns =
        Campaign.ALL.stream().filter(c -> c.overlapDays(startDate, endDate) > 0).toList();
    this.workUnits = planUnits(options.provinceCode(), units);
    this.idCapacity = 1_000_000 / Math.max(1, workUnits.size());
    planWards();
    planFiles();
    int days = (int) (endDate.toEpochDay() - startDate.toEpochDay() + 1);
    this.dayWeightPrefix = new double[2][days + 1];
    for (int level = 1; level <= 2; level++) {
      for (int i = 0; i < days; i++) {
        Campaign campaign = campaignOn(startDate.plusDays(i));
        double weight =
            campaign == null ? 1.0 : level == 2 ? campaign.level2Boost() : campaign.level1Boost();
        dayWeightPrefix[level - 1][i + 1] = dayWeightPrefix[level - 1][i] + weight;
      }
    }
  }

  /** How much likelier an application of {@code level} is on {@code day} (campaign surges). */
  double dayWeight(LocalDate day, int level) {
    int i = (int) (day.toEpochDay() - startDate.toEpochDay());
    return dayWeightPrefix[level - 1][i + 1] - dayWeightPrefix[level - 1][i];
  }

  /** The sum of {@link #dayWeight} over [from, to]. */
  double weightedDays(LocalDate from, LocalDate to, int level) {
    int first = (int) (from.toEpochDay() - startDate.toEpochDay());
    int last = (int) (to.toEpochDay() - startDate.toEpochDay());
    return dayWeightPrefix[level - 1][last + 1] - dayWeightPrefix[level - 1][first];
  }

  private static List<Unit> planUnits(String province, AdminUnits units) {
    List<Ward> current = units.wardsOfCurrentProvince(province, Era.POST_REFORM);
    if (current.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot generate feeds: province "
              + province
              + " has no current wards in "
              + units.source()
              + " (give a post-reform 2-digit province code, e.g. 20)");
    }
    Map<String, List<Ward>> oldsByCurrent = new TreeMap<>();
    current.forEach(ward -> oldsByCurrent.put(ward.code(), new ArrayList<>()));
    for (Ward old : units.wardsOfCurrentProvince(province, Era.PRE_REFORM)) {
      units
          .primaryCurrentWard(old.code())
          .filter(oldsByCurrent::containsKey)
          .ifPresent(primary -> oldsByCurrent.get(primary).add(old));
    }
    List<Unit> result = new ArrayList<>();
    for (Ward ward : current) {
      result.add(new Unit(result.size(), ward, List.copyOf(oldsByCurrent.get(ward.code()))));
    }
    return List.copyOf(result);
  }

  private void planWards() {
    long seed = options.seed();
    double total = 0;
    for (Unit unit : workUnits) {
      for (Ward old : unit.olds()) {
        WardTraits t = drawTraits(seed, old.code(), Era.PRE_REFORM);
        traits.put(key(old.code(), Era.PRE_REFORM), t);
        total += t.weight();
      }
      traits.put(
          key(unit.current().code(), Era.POST_REFORM),
          drawTraits(seed, unit.current().code(), Era.POST_REFORM));
    }
    double residentsTotal = GeneratorOptions.RESIDENTS_AT_SCALE_ONE * options.scale();
    for (Unit unit : workUnits) {
      for (Ward old : unit.olds()) {
        residents.put(
            old.code(),
            (int) Math.round(residentsTotal * traits(old.code(), Era.PRE_REFORM).weight() / total));
      }
    }
    for (Era era : Era.values()) {
      List<String> unknown = new ArrayList<>();
      for (String candidate : List.of("99999", "00000", "6001", "P.12")) {
        if (units.ward(candidate, era).isEmpty()) {
          unknown.add(candidate);
        }
      }
      // A code of the other era's list that this era does not know: the classic reform mistake.
      Era other = era == Era.PRE_REFORM ? Era.POST_REFORM : Era.PRE_REFORM;
      units.wardsOfCurrentProvince(options.provinceCode(), other).stream()
          .map(Ward::code)
          .filter(code -> units.ward(code, era).isEmpty())
          .findFirst()
          .ifPresent(unknown::add);
      unknownWards.put(era, List.copyOf(unknown));
    }
  }

  private static WardTraits drawTraits(long seed, String code, Era era) {
    SplittableRandom random = Rng.of(seed, 0x7EA17, era.ordinal(), Rng.code(code));
    double weight = Math.exp(0.7 * random.nextGaussian());
    double dataQuality =
        random.nextDouble() < 0.12 ? Rng.uniform(random, 2.8, 4.2) : Rng.uniform(random, 0.4, 1.2);
    double uptake = Rng.uniform(random, 0.7, 1.3);
    double onlineLean = Rng.uniform(random, -0.08, 0.08);
    double sloppiness = random.nextDouble() < 0.15 ? 3.0 : 1.0;
    double onTime = random.nextDouble() < 0.1 ? 0.7 : Rng.uniform(random, 0.86, 0.97);
    return new WardTraits(weight, dataQuality, uptake, onlineLean, sloppiness, onTime);
  }

  private void planFiles() {
    long seed = options.seed();
    int index = 0;
    for (YearMonth m : months) {
      applicationFiles.put(
          m,
          FileFormat.choose(
              seed, Feed.EID_APPLICATIONS, "eid_applications_" + m, index == 0, index == 3, true));
      dossierFiles.put(
          m,
          FileFormat.choose(
              seed,
              Feed.SERVICE_DOSSIERS,
              "service_dossiers_" + m,
              index == 0,
              index == 5,
              true,
              m.isBefore(FileFormat.PORTAL_2025_EXPORTS)
                  ? List.of()
                  : FileFormat.PORTAL_2025_COLUMNS));
      index++;
    }
    index = 0;
    for (LocalDate date : snapshots) {
      populationFiles.put(
          date,
          FileFormat.choose(
              seed, Feed.POPULATION, "population_" + date, index == 0, index == 2, true));
      index++;
    }
    index = 0;
    for (YearMonth m : months) {
      boolean campaignMonth =
          campaigns.stream()
              .anyMatch(
                  c ->
                      c.overlapDays(max(m.atDay(1), startDate), min(m.atEndOfMonth(), endDate))
                          > 0);
      if (campaignMonth) {
        reportFiles.put(
            m,
            FileFormat.choose(
                seed, Feed.DAILY_REPORTS, "daily_reports_" + m, index == 0, false, true));
        index++;
      }
    }
  }

  List<FileFormat> allFiles() {
    List<FileFormat> all = new ArrayList<>();
    all.addAll(applicationFiles.values());
    all.addAll(dossierFiles.values());
    all.addAll(populationFiles.values());
    all.addAll(reportFiles.values());
    return all;
  }

  int residents(String oldWardCode) {
    return residents.getOrDefault(oldWardCode, 0);
  }

  WardTraits traits(String code, Era era) {
    WardTraits t = traits.get(key(code, era));
    if (t == null) {
      throw new IllegalStateException("no traits planned for ward " + code + " (" + era + ")");
    }
    return t;
  }

  private static String key(String code, Era era) {
    return era.name() + ':' + code;
  }

  /** Data-quality defects fall from 1.0 (2022) to 0.35 of their rate (end of 2026). */
  static double improvement(LocalDate date) {
    double days = ChronoUnit.DAYS.between(LocalDate.of(2022, 3, 1), date);
    double span = ChronoUnit.DAYS.between(LocalDate.of(2022, 3, 1), LocalDate.of(2026, 12, 31));
    return 1.0 - 0.65 * Math.max(0, Math.min(1, days / span));
  }

  /** The campaign running on {@code day}, if any. */
  Campaign campaignOn(LocalDate day) {
    for (Campaign campaign : campaigns) {
      if (campaign.contains(day)) {
        return campaign;
      }
    }
    return null;
  }

  static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
