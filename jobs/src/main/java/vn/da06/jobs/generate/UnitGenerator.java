package vn.da06.jobs.generate;

import static vn.da06.jobs.generate.Plan.max;
import static vn.da06.jobs.generate.Plan.min;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import vn.da06.jobs.generate.GeneratorSummary.DailyReportCounts;
import vn.da06.jobs.generate.Plan.WardTraits;
import vn.da06.warehouse.QuarantineReason;
import vn.da06.warehouse.admin.Era;
import vn.da06.warehouse.admin.Ward;

/**
 * Generates every row of one unit of work (a current ward and the pre-reform wards that become it):
 * its residents, their population records at each snapshot, their e-ID applications and service
 * dossiers, and the wards' daily reports; and counts the expected gold figures from the rows it
 * writes.
 */
final class UnitGenerator {

  private static final long TAG_PEOPLE = 1;
  private static final long TAG_SNAPSHOT = 2;
  private static final long TAG_EID = 3;
  private static final long TAG_DOSSIER = 4;
  private static final long TAG_REPORT = 5;

  // Base rates of the data-quality defects, before the ward's factor and the improvement over time.
  private static final double RATE_INCORRECT = 0.022;
  private static final double RATE_INCOMPLETE = 0.018;
  private static final double RATE_DUPLICATE = 0.005;
  private static final double RATE_NAMESAKE = 0.004;
  private static final double RATE_STALE = 0.035;
  private static final double NAMESAKE_IDS = 0.02;
  private static final double RATE_POPULATION_QUARANTINE = 0.0015;
  private static final double RATE_APPLICATION_QUARANTINE = 0.012;
  private static final double RATE_DOSSIER_QUARANTINE = 0.006;

  /**
   * Pre-2025 GSO province codes: the first 3 digits of a citizen id are one of these, zero-padded.
   */
  private static final int[] PROVINCES = {
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37,
    38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77,
    79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96
  };

  private static final String[] OTHER_SERVICES = {
    "TTHC-1.001234",
    "TTHC-1.000894",
    "TTHC-2.000528",
    "TTHC-1.004227",
    "TTHC-1.003583",
    "TTHC-2.001023",
    "TTHC-1.010742",
    "TTHC-1.000656"
  };
  private static final double[] ESSENTIAL_WEIGHTS =
      Rng.cumulative(
          2, 4, 8, 6, 2, 7, 5, 6, 5, 1.5, 2, 3, 0.3, 0.2, 3, 1, 2, 2, 1.5, 6, 2, 3, 1.5, 1, 1);
  private static final int[] SERVICE_DAYS = {1, 2, 3, 5, 7, 10, 15};
  private static final String[] NOTES = {
    "",
    "",
    "Tổ lưu động, khu phố 3",
    "Công dân hẹn \"kích hoạt\" sau",
    "Đã hướng dẫn cài VNeID,\nhẹn quay lại",
    "Rà soát \"năm người\", \"năm hộ\"",
    ""
  };
  private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm");
  private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("uuuu-MM-dd H'h'mm");

  /** The result of one unit. */
  record Result(
      List<WardMonthTable.Row> rows,
      Map<String, long[]> fileStats,
      long acceptedApplications,
      long quarantinedApplications,
      long acceptedDossiers,
      long quarantinedDossiers,
      DailyReportCounts dailyReports,
      List<String> sampleCitizenIds) {}

  private static final class Person {
    int index;
    int home;
    boolean male;
    LocalDate birth;
    String id;
    String name;
    boolean permanent;
    LocalDate death;
    LocalDate chip;
    double incorrect;
    int incorrectKind;
    double incomplete;
    int incompleteField;
    double duplicate;
    double namesake;
    double stale;
    String namesakeId;
    LocalDateTime firstActivation;
  }

  private record Version(String status, LocalDateTime activatedAt, LocalDateTime updatedAt) {}

  private final Plan plan;
  private final Plan.Unit unit;
  private final ChunkWriter chunks;
  private final long seed;
  private final int k;
  private final WardMonthTable table;
  private final Map<String, Integer> preIndex = new HashMap<>();
  private final Map<String, long[]> stats = new HashMap<>();
  private final Map<Integer, Integer> idBuckets = new HashMap<>();
  private final Map<Long, int[]> dailyTruth = new HashMap<>();
  private final List<Person> people = new ArrayList<>();
  private long acceptedApplications;
  private long quarantinedApplications;
  private long acceptedDossiers;
  private long quarantinedDossiers;

  UnitGenerator(Plan plan, Plan.Unit unit, ChunkWriter chunks) {
    this.plan = plan;
    this.unit = unit;
    this.chunks = chunks;
    this.seed = plan.options.seed();
    this.k = unit.olds().size();
    for (int i = 0; i < k; i++) {
      preIndex.put(unit.olds().get(i).code(), i);
    }
    this.table =
        new WardMonthTable(
            unit.olds().stream().map(Ward::code).toList(), unit.current().code(), plan.months);
    for (FileFormat format : plan.allFiles()) {
      stats.put(format.relativePath(), new long[1 + QuarantineReason.values().length]);
    }
  }

  Result run() {
    createPeople();
    writePopulation();
    for (Person person : people) {
      applicationsOf(person);
      dossiersOf(person);
    }
    DailyReportCounts reports = writeDailyReports();
    List<String> samples = new ArrayList<>();
    for (Person person : people) {
      if (samples.size() >= 6) {
        break;
      }
      if (person.firstActivation != null) {
        samples.add(person.id);
      }
    }
    return new Result(
        table.rows(),
        stats,
        acceptedApplications,
        quarantinedApplications,
        acceptedDossiers,
        quarantinedDossiers,
        reports,
        samples);
  }

  private String wardCode(int ward) {
    return ward < k ? unit.olds().get(ward).code() : unit.current().code();
  }

  private Era wardEra(int ward) {
    return ward < k ? Era.PRE_REFORM : Era.POST_REFORM;
  }

  private WardTraits traits(int ward) {
    return plan.traits(wardCode(ward), wardEra(ward));
  }

  /** The ward a person lives in on {@code day}, in the list of that day's era. */
  private int wardOn(Person person, LocalDate day) {
    return Era.on(day) == Era.PRE_REFORM ? person.home : k;
  }

  // ----------------------------------------------------------------------------------------------
  // residents

  private void createPeople() {
    long periodDays = plan.endDate.toEpochDay() - plan.startDate.toEpochDay() + 1;
    for (int home = 0; home < k; home++) {
      Ward old = unit.olds().get(home);
      SplittableRandom random = Rng.of(seed, TAG_PEOPLE, unit.index(), home);
      int residents = plan.residents(old.code());
      int births = (int) Math.round(residents * 0.013 * periodDays / 365.0);
      for (int i = 0; i < residents + births; i++) {
        people.add(
            newPerson(
                random, home, Integer.parseInt(old.provinceCode()), i >= residents, periodDays));
      }
    }
  }

  private Person newPerson(
      SplittableRandom random, int home, int province, boolean newborn, long periodDays) {
    Person p = new Person();
    p.index = people.size();
    p.home = home;
    p.male = random.nextBoolean();
    int age = newborn ? 0 : Ages.sample(random);
    p.birth =
        newborn
            ? plan.startDate.plusDays(random.nextLong(periodDays))
            : plan.startDate.minusYears(age).minusDays(1 + random.nextInt(364));
    int prefix =
        random.nextDouble() < 0.78 ? province : PROVINCES[random.nextInt(PROVINCES.length)];
    p.id = allocateId(prefix, p.male, p.birth);
    p.name = VietnameseNames.fullName(random, p.male);
    p.permanent = random.nextDouble() < 0.88;
    double yearsSpan = periodDays / 365.0;
    double death = random.nextDouble();
    if (!newborn && death < 0.015) {
      p.death = plan.startDate.minusDays(1 + random.nextInt(1500));
    } else if (death < yearsSpan * (age > 75 ? 0.06 : age > 60 ? 0.015 : 0.003) + 0.015) {
      p.death = plan.startDate.plusDays(random.nextLong(periodDays));
    }
    if (p.death != null && p.death.isBefore(p.birth)) {
      p.death = p.birth.plusDays(1);
    }
    double chip = random.nextDouble();
    if (age >= 14) {
      p.chip =
          chip < 0.8
              ? plan.startDate.minusDays(1 + random.nextInt(400))
              : chip < 0.95 ? plan.startDate.plusDays(random.nextInt(900)) : null;
    } else {
      p.chip = p.birth.plusYears(14).plusDays(30 + random.nextInt(700));
    }
    p.incorrect = random.nextDouble();
    double kind = random.nextDouble();
    p.incorrectKind =
        kind < 0.25 ? 0 : kind < 0.45 ? 1 : kind < 0.65 ? 2 : kind < 0.8 ? 3 : kind < 0.92 ? 4 : 5;
    p.incomplete = random.nextDouble();
    double field = random.nextDouble();
    p.incompleteField =
        field < 0.15 ? 0 : field < 0.3 ? 1 : field < 0.55 ? 2 : field < 0.75 ? 3 : 4;
    p.duplicate = random.nextDouble();
    p.namesake = random.nextDouble();
    p.stale = random.nextDouble();
    if (p.namesake < NAMESAKE_IDS) {
      p.namesakeId = allocateId(prefix, p.male, p.birth);
    }
    return p;
  }

  /**
   * A real-looking citizen id, unique in the whole output: units own disjoint serial ranges of each
   * (province, sex and century, birth year) bucket, scrambled by a bijection of the 6 random
   * digits.
   */
  private String allocateId(int prefix, boolean male, LocalDate birth) {
    int century = (birth.getYear() >= 2000 ? 2 : 0) + (male ? 0 : 1);
    int year = birth.getYear() % 100;
    int bucket = (prefix * 10 + century) * 100 + year;
    int local = idBuckets.merge(bucket, 1, Integer::sum) - 1;
    if (local >= plan.idCapacity) {
      throw new IllegalStateException(
          "Cannot generate citizen ids: ward "
              + unit.current().code()
              + " needs more than "
              + plan.idCapacity
              + " ids of one province, sex and birth year (use a smaller --scale)");
    }
    long serial = (long) unit.index() * plan.idCapacity + local;
    long digits = (serial * 387_403L + 519_121L) % 1_000_000L;
    return String.format("%03d%d%02d%06d", prefix, century, year, digits);
  }

  // ---------------------------------------------------------------------------------------------
  // population

  private void writePopulation() {
    for (int s = 0; s < plan.snapshots.size(); s++) {
      LocalDate date = plan.snapshots.get(s);
      Era era = Era.on(date);
      FileFormat format = plan.populationFiles.get(date);
      double improvement = Plan.improvement(date);
      List<PopulationRecord> accepted = new ArrayList<>();
      for (Person p : people) {
        if (p.birth.isAfter(date)) {
          continue;
        }
        SplittableRandom random = Rng.of(seed, TAG_SNAPSHOT, unit.index(), p.index, s);
        int ward = wardOn(p, date);
        double factor = traits(ward).dataQuality() * improvement;
        String id = p.id;
        String name = p.name;
        LocalDate birth = p.birth;
        String sex = p.male ? "M" : "F";
        String residence = p.permanent ? "PERMANENT" : "TEMPORARY";
        if (p.incorrect < RATE_INCORRECT * factor) {
          switch (p.incorrectKind) {
            case 0 -> id = "9" + id.substring(1); // province 9xx does not exist
            case 1 ->
                id =
                    id.substring(0, 3) + (char) (id.charAt(3) + 4) + id.substring(4); // sex/century
            case 2 -> birth = birth.minusYears(1 + p.index % 3); // year digits no longer match
            case 3 -> id = id.substring(1); // 11 digits
            case 4 -> birth = date.plusDays(1 + p.index % 400); // born in the future
            default -> birth = birth.withYear(1890 + p.index % 10); // before 1900
          }
        }
        if (p.incomplete < RATE_INCOMPLETE * factor) {
          switch (p.incompleteField) {
            case 0 -> id = "";
            case 1 -> name = "";
            case 2 -> birth = null;
            case 3 -> sex = "";
            default -> residence = "";
          }
        }
        LocalDate verified;
        if (p.stale < RATE_STALE * factor) {
          verified = random.nextDouble() < 0.4 ? null : date.minusDays(366 + random.nextInt(900));
        } else {
          verified = date.minusDays(random.nextInt(365));
        }
        boolean chip = p.chip != null && !p.chip.isAfter(date);
        boolean deceased = p.death != null && !p.death.isAfter(date);
        PopulationRecord row =
            new PopulationRecord(
                id, name, birth, sex, wardCode(ward), residence, chip, deceased, verified);
        writePopulationRow(format, date, row, null, accepted);
        if (p.permanent && p.duplicate < RATE_DUPLICATE * factor) {
          // The same citizen listed again as a temporary resident of a neighbouring ward.
          int other = era == Era.PRE_REFORM && k > 1 ? (p.home + 1) % k : ward;
          writePopulationRow(
              format, date, row.withWard(wardCode(other), "TEMPORARY"), null, accepted);
        }
        if (p.namesakeId != null
            && p.namesake < RATE_NAMESAKE * factor
            && !name.isEmpty()
            && birth != null) {
          // Same person keyed in twice with a different id: same name (written differently), birth
          // date, ward.
          String written =
              random.nextBoolean()
                  ? name.toUpperCase(java.util.Locale.ROOT)
                  : " " + name.replace(" ", "  ");
          PopulationRecord namesake =
              new PopulationRecord(
                  p.namesakeId,
                  java.text.Normalizer.normalize(written, java.text.Normalizer.Form.NFC),
                  birth,
                  sex,
                  wardCode(ward),
                  "PERMANENT",
                  random.nextBoolean(),
                  false,
                  date.minusDays(random.nextInt(700)));
          writePopulationRow(format, date, namesake, null, accepted);
        }
        if (random.nextDouble() < RATE_POPULATION_QUARANTINE) {
          if (random.nextDouble() < 0.6) {
            List<String> unknown = plan.unknownWards.get(era);
            PopulationRecord misplaced =
                row.withWard(unknown.get(random.nextInt(unknown.size())), row.residenceType());
            writePopulationRow(format, date, misplaced, QuarantineReason.UNKNOWN_WARD, accepted);
          } else {
            writePopulationRow(format, date, row, QuarantineReason.UNPARSEABLE_VALUE, accepted);
          }
        }
      }
      table.addSnapshot(date, PopulationQuality.evaluate(accepted, date), wardIndexOf(era));
    }
  }

  private Map<String, Integer> wardIndexOf(Era era) {
    return era == Era.PRE_REFORM ? preIndex : Map.of(unit.current().code(), k);
  }

  private void writePopulationRow(
      FileFormat format,
      LocalDate date,
      PopulationRecord row,
      QuarantineReason reason,
      List<PopulationRecord> accepted) {
    String snapshotDate =
        reason == QuarantineReason.UNPARSEABLE_VALUE
            ? (date.getDayOfMonth() % 2 == 0
                ? "Quý " + ((date.getMonthValue() + 2) / 3) + "/" + date.getYear()
                : date.format(DateTimeFormatter.ofPattern("dd.MM.uuuu")))
            : format.date(date);
    String[] values = {
      snapshotDate,
      row.citizenId(),
      row.fullName(),
      format.date(row.birthDate()),
      row.sex(),
      row.wardCode(),
      row.residenceType(),
      Boolean.toString(row.hasChipCard()),
      Boolean.toString(row.deceased()),
      format.date(row.lastVerifiedAt())
    };
    write(format, values, note(row.citizenId()), reason);
    if (reason == null) {
      accepted.add(row);
    }
  }

  // ------------------------------------------------------------------------------------------
  // applications

  private void applicationsOf(Person p) {
    SplittableRandom random = Rng.of(seed, TAG_EID, unit.index(), p.index);
    double level1Propensity =
        random.nextDouble() < 0.2 ? 0 : Math.exp(0.5 * random.nextGaussian() - 0.125);
    double level2Propensity =
        random.nextDouble() < 0.08 ? 0 : Math.exp(0.5 * random.nextGaussian() - 0.125);
    LocalDate first = max(max(plan.startDate, Plan.EID_START), p.birth.plusYears(14));
    LocalDate last = p.death == null ? plan.endDate : min(plan.endDate, p.death.minusDays(1));
    boolean level1 = false;
    boolean level2 = false;
    int serial = 0;
    for (YearMonth month : plan.months) {
      LocalDate from = max(month.atDay(1), first);
      LocalDate to = min(month.atEndOfMonth(), last);
      if (from.isAfter(to)) {
        continue;
      }
      int ward = wardOn(p, from);
      double uptake = traits(ward).uptake();
      double elapsed = ChronoUnit.MONTHS.between(YearMonth.of(2022, 3), month);
      if (!level2 && level2Propensity > 0 && p.chip != null && !p.chip.isAfter(to)) {
        LocalDate chipFrom = max(from, p.chip);
        double hazard =
            (month.isBefore(YearMonth.of(2025, 1))
                    ? 0.004 + 0.026 * Math.min(1, elapsed / 33)
                    : 0.02)
                * level2Propensity
                * uptake
                * weightedDays(chipFrom, to, 2)
                / month.lengthOfMonth();
        if (random.nextDouble() < hazard) {
          String status =
              newApplication(random, p, 2, pickDay(random, chipFrom, to, 2), ward, ++serial);
          level2 = !status.equals("REJECTED");
        }
      }
      if (!level1 && !level2 && level1Propensity > 0) {
        double hazard =
            (0.008 + 0.012 * Math.min(1, elapsed / 24))
                * level1Propensity
                * uptake
                * weightedDays(from, to, 1)
                / month.lengthOfMonth();
        if (random.nextDouble() < hazard) {
          String status =
              newApplication(random, p, 1, pickDay(random, from, to, 1), ward, ++serial);
          level1 = !status.equals("REJECTED");
        }
      }
    }
  }

  private double dayWeight(LocalDate day, int level) {
    return plan.dayWeight(day, level);
  }

  private double weightedDays(LocalDate from, LocalDate to, int level) {
    return plan.weightedDays(from, to, level);
  }

  private LocalDate pickDay(SplittableRandom random, LocalDate from, LocalDate to, int level) {
    double u = random.nextDouble() * weightedDays(from, to, level);
    for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
      u -= dayWeight(day, level);
      if (u < 0) {
        return day;
      }
    }
    return to;
  }

  /** Writes one application (all its exported versions) and returns its final status. */
  private String newApplication(
      SplittableRandom random, Person p, int level, LocalDate day, int ward, int serial) {
    String channel;
    int secondOfDay;
    if (level == 1) {
      channel = random.nextDouble() < 0.75 ? "APP" : "OFFICE";
    } else {
      channel =
          random.nextDouble() < (plan.campaignOn(day) != null ? 0.55 : 0.15)
              ? "MOBILE_TEAM"
              : "OFFICE";
    }
    secondOfDay =
        switch (channel) {
          case "APP" -> 6 * 3600 + random.nextInt(17 * 3600 + 1800);
          case "OFFICE" -> 7 * 3600 + 1800 + random.nextInt(9 * 3600 + 1800);
          default -> 7 * 3600 + random.nextInt(13 * 3600 + 1800);
        };
    LocalDateTime received = day.atStartOfDay().plusSeconds(secondOfDay);
    boolean rejected = random.nextDouble() < (level == 2 ? 0.035 : 0.015);
    LocalDateTime approvedAt = null;
    LocalDateTime activatedAt = null;
    LocalDateTime rejectedAt = null;
    if (rejected) {
      rejectedAt = received.plusMinutes(60 + random.nextInt(5 * 24 * 60));
    } else if (channel.equals("APP")) {
      approvedAt = received.plusSeconds(5 + random.nextInt(120));
      if (random.nextDouble() < 0.93) {
        activatedAt = approvedAt.plusSeconds(30 + random.nextInt(40 * 60));
      }
    } else {
      approvedAt = received.plusMinutes(30 + random.nextInt(4 * 24 * 60));
      double u = random.nextDouble();
      if (u < 0.72) {
        activatedAt = approvedAt.plusMinutes(5 + random.nextInt(36 * 60));
      } else if (u < 0.95) {
        activatedAt = approvedAt.plusDays(2 + random.nextInt(24)).plusMinutes(random.nextInt(600));
      }
    }
    // What the export holds at the end of the data: nothing happens after it.
    String status = "RECEIVED";
    LocalDateTime lastEvent = received;
    if (rejected && !rejectedAt.isAfter(plan.end)) {
      status = "REJECTED";
      lastEvent = rejectedAt;
    } else if (!rejected && !approvedAt.isAfter(plan.end)) {
      status = "APPROVED";
      lastEvent = approvedAt;
    }
    if (activatedAt != null && (activatedAt.isAfter(plan.end) || !status.equals("APPROVED"))) {
      activatedAt = null;
    }
    if (activatedAt != null) {
      lastEvent = activatedAt;
    }
    List<Version> versions = new ArrayList<>();
    if (!status.equals("RECEIVED") && !channel.equals("APP") && random.nextDouble() < 0.7) {
      versions.add(new Version("RECEIVED", null, received.plusSeconds(30 + random.nextInt(1200))));
      if (activatedAt != null
          && Duration.between(approvedAt, activatedAt).toDays() >= 2
          && random.nextDouble() < 0.4) {
        versions.add(
            new Version("APPROVED", null, approvedAt.plusSeconds(30 + random.nextInt(1800))));
      }
    }
    LocalDateTime updated = lastEvent.plusSeconds(60 + random.nextInt(7200));
    versions.add(new Version(status, activatedAt, updated.isAfter(plan.end) ? plan.end : updated));
    versions = increasing(versions);

    String id = String.format("EID-%s-%07d-%d%02d", unit.current().code(), p.index, level, serial);
    for (Version version : versions) {
      String[] values = {
        id,
        p.id,
        wardCode(ward),
        Integer.toString(level),
        channel,
        null,
        version.status(),
        null,
        null
      };
      FileFormat format = plan.applicationFiles.get(YearMonth.from(version.updatedAt()));
      values[5] = format.timestamp(received);
      values[7] = format.timestamp(version.activatedAt());
      values[8] = format.timestamp(version.updatedAt());
      write(format, values, note(id), null);
    }
    acceptedApplications++;
    table.addEvent(
        level == 1 ? WardMonthTable.APPLICATIONS_L1 : WardMonthTable.APPLICATIONS_L2, ward, day);
    if (level == 2 && plan.campaignOn(day) != null) {
      dailyTruth.computeIfAbsent(dayKey(table.wardAsOf(ward, day), day), key -> new int[2])[0]++;
    }
    if (activatedAt != null) {
      LocalDate activationDay = activatedAt.toLocalDate();
      table.addEvent(
          level == 1 ? WardMonthTable.ACTIVATIONS_L1 : WardMonthTable.ACTIVATIONS_L2,
          ward,
          activationDay);
      if (level == 2 && plan.campaignOn(activationDay) != null) {
        dailyTruth
            .computeIfAbsent(
                dayKey(table.wardAsOf(ward, activationDay), activationDay), key -> new int[2])[1]++;
      }
      if (p.firstActivation == null || activatedAt.isBefore(p.firstActivation)) {
        p.firstActivation = activatedAt;
      }
    }
    if (random.nextDouble() < RATE_APPLICATION_QUARANTINE) {
      quarantinedApplication(random, id + "-Q", p, level, channel, received, ward);
    }
    return status;
  }

  /**
   * One extra row with exactly one defect that the contract quarantines, under an id of its own.
   */
  private void quarantinedApplication(
      SplittableRandom random,
      String id,
      Person p,
      int level,
      String channel,
      LocalDateTime received,
      int ward) {
    double u = random.nextDouble();
    boolean room = !received.plusHours(3).isAfter(plan.end);
    String levelValue = Integer.toString(level);
    String wardValue = wardCode(ward);
    String status = "RECEIVED";
    LocalDateTime activated = null;
    LocalDateTime updated = received.plusMinutes(10 + random.nextInt(600));
    String receivedValue = null;
    QuarantineReason reason;
    if (u < 0.2 && room) {
      reason = QuarantineReason.ACTIVATED_BEFORE_RECEIVED;
      status = "APPROVED";
      activated = received.minusMinutes(60 + random.nextInt(72 * 60));
      updated = received.plusHours(2);
    } else if (u < 0.35 && room) {
      reason = QuarantineReason.ACTIVATED_WHEN_REJECTED;
      status = "REJECTED";
      activated = received.plusHours(1);
      updated = received.plusHours(2);
    } else if (u < 0.5) {
      reason = QuarantineReason.LEVEL2_VIA_APP;
      levelValue = "2";
      channel = "APP";
    } else if (u < 0.7) {
      reason = QuarantineReason.UNKNOWN_WARD;
      List<String> unknown = plan.unknownWards.get(Era.on(received.toLocalDate()));
      wardValue = unknown.get(random.nextInt(unknown.size()));
    } else if (u < 0.85) {
      reason = QuarantineReason.BAD_ENUM;
      channel = "KIOSK";
    } else {
      reason = QuarantineReason.UNPARSEABLE_VALUE;
      receivedValue = random.nextBoolean() ? received.format(DOTTED) : received.format(HOURS);
    }
    if (updated.isAfter(plan.end)) {
      updated = plan.end;
    }
    FileFormat format = plan.applicationFiles.get(YearMonth.from(updated));
    String[] values = {
      id,
      p.id,
      wardValue,
      levelValue,
      channel,
      receivedValue != null ? receivedValue : format.timestamp(received),
      status,
      format.timestamp(activated),
      format.timestamp(updated)
    };
    write(format, values, note(id), reason);
    quarantinedApplications++;
  }

  // ----------------------------------------------------------------------------------------------
  // dossiers

  private void dossiersOf(Person p) {
    SplittableRandom random = Rng.of(seed, TAG_DOSSIER, unit.index(), p.index);
    LocalDate first = max(plan.startDate, p.birth.plusYears(18));
    LocalDate last = p.death == null ? plan.endDate : min(plan.endDate, p.death.minusDays(1));
    int serial = 0;
    for (YearMonth month : plan.months) {
      LocalDate from = max(month.atDay(1), first);
      LocalDate to = min(month.atEndOfMonth(), last);
      if (from.isAfter(to)) {
        continue;
      }
      long days = to.toEpochDay() - from.toEpochDay() + 1;
      if (random.nextDouble()
          < 0.03 * plan.options.dossierFactor() * days / month.lengthOfMonth()) {
        LocalDate day = from.plusDays(random.nextLong(days));
        newDossier(random, p, day, wardOn(p, day), ++serial);
      }
    }
  }

  private void newDossier(SplittableRandom random, Person p, LocalDate day, int ward, int serial) {
    WardTraits traits = traits(ward);
    boolean essential = random.nextDouble() < 0.62;
    String service =
        essential
            ? String.format("ES%02d", Rng.pick(random, ESSENTIAL_WEIGHTS) + 1)
            : OTHER_SERVICES[random.nextInt(OTHER_SERVICES.length)];
    double progress =
        Math.max(
            0,
            Math.min(
                1,
                ChronoUnit.DAYS.between(LocalDate.of(2022, 1, 1), day)
                    / (double)
                        ChronoUnit.DAYS.between(
                            LocalDate.of(2022, 1, 1), LocalDate.of(2026, 6, 30))));
    double onlineShare =
        Math.max(
            0.05,
            Math.min(0.95, 0.2 + 0.5 * progress + traits.onlineLean() + (essential ? 0.04 : 0)));
    String channel =
        random.nextDouble() < onlineShare
            ? "ONLINE"
            : random.nextDouble() < 0.06 ? "POSTAL" : "COUNTER";
    boolean online = channel.equals("ONLINE");
    LocalDateTime submitted =
        day.atStartOfDay()
            .plusSeconds(
                online
                    ? 6 * 3600 + random.nextInt(17 * 3600)
                    : 7 * 3600 + 1800 + random.nextInt(9 * 3600));
    String auth =
        !online
            ? "NONE"
            : p.firstActivation != null
                    && p.firstActivation.isBefore(submitted)
                    && random.nextDouble() < 0.92
                ? "VNEID"
                : "PORTAL";
    LocalDateTime due =
        random.nextDouble() < 0.94
            ? day.plusDays(SERVICE_DAYS[Math.floorMod(service.hashCode(), SERVICE_DAYS.length)])
                .atTime(17, 0)
            : null;
    double outcome = random.nextDouble();
    LocalDateTime resolved = null;
    LocalDateTime withdrawn = null;
    String finalStatus;
    if (outcome < 0.92) {
      finalStatus = outcome < 0.86 ? "RESOLVED" : "REJECTED";
      if (due != null && random.nextDouble() < traits.onTime()) {
        long seconds = Duration.between(submitted, due).getSeconds();
        resolved = submitted.plusSeconds(1800 + random.nextLong(Math.max(1, seconds - 1800)));
      } else if (due != null) {
        resolved = due.plusMinutes(60 + random.nextInt(10 * 24 * 60));
      } else {
        resolved = submitted.plusMinutes(60 + random.nextInt(15 * 24 * 60));
      }
    } else if (outcome < 0.95) {
      finalStatus = "WITHDRAWN";
      withdrawn = submitted.plusMinutes(60 + random.nextInt(5 * 24 * 60));
    } else {
      finalStatus = "PROCESSING";
    }
    String status;
    LocalDateTime lastEvent;
    if (resolved != null && !resolved.isAfter(plan.end)) {
      status = finalStatus;
      lastEvent = resolved;
    } else if (withdrawn != null && !withdrawn.isAfter(plan.end)) {
      status = "WITHDRAWN";
      lastEvent = withdrawn;
    } else {
      resolved = null;
      LocalDateTime started = submitted.plusMinutes(60 + random.nextInt(24 * 60));
      status = started.isAfter(plan.end) ? "RECEIVED" : "PROCESSING";
      lastEvent = started.isAfter(plan.end) ? submitted : started;
    }
    List<Version> versions = new ArrayList<>();
    if (!status.equals("RECEIVED") && random.nextDouble() < 0.6) {
      versions.add(new Version("RECEIVED", null, submitted.plusSeconds(30 + random.nextInt(1800))));
    }
    LocalDateTime updated = lastEvent.plusSeconds(60 + random.nextInt(3600));
    versions.add(new Version(status, resolved, updated.isAfter(plan.end) ? plan.end : updated));
    versions = increasing(versions);

    String id = String.format("DVC-%s-%07d-%03d", unit.current().code(), p.index, serial);
    for (Version version : versions) {
      FileFormat format = plan.dossierFiles.get(YearMonth.from(version.updatedAt()));
      String[] values = {
        id,
        service,
        wardCode(ward),
        channel,
        auth,
        format.timestamp(submitted),
        format.timestamp(due),
        format.timestamp(version.activatedAt()),
        version.status(),
        format.timestamp(version.updatedAt())
      };
      write(format, values, note(id), null);
    }
    acceptedDossiers++;
    table.addEvent(WardMonthTable.DOSSIERS_TOTAL, ward, day);
    if (online) {
      table.addEvent(WardMonthTable.DOSSIERS_ONLINE, ward, day);
    }
    if (essential) {
      table.addEvent(WardMonthTable.ESSENTIAL_TOTAL, ward, day);
      if (online) {
        table.addEvent(WardMonthTable.ESSENTIAL_ONLINE, ward, day);
      }
    }
    if (auth.equals("VNEID")) {
      table.addEvent(WardMonthTable.DOSSIERS_VNEID, ward, day);
    }
    if (resolved != null) {
      LocalDate resolvedDay = resolved.toLocalDate();
      table.addEvent(WardMonthTable.RESOLVED, ward, resolvedDay);
      if (due != null) {
        table.addEvent(WardMonthTable.RESOLVED_WITH_DUE, ward, resolvedDay);
        if (!resolved.isAfter(due)) {
          table.addEvent(WardMonthTable.RESOLVED_ON_TIME, ward, resolvedDay);
        }
      }
    }
    if (random.nextDouble() < RATE_DOSSIER_QUARANTINE) {
      quarantinedDossier(random, id + "-Q", service, ward, channel, auth, submitted, due);
    }
  }

  private void quarantinedDossier(
      SplittableRandom random,
      String id,
      String service,
      int ward,
      String channel,
      String auth,
      LocalDateTime submitted,
      LocalDateTime due) {
    double u = random.nextDouble();
    String wardValue = wardCode(ward);
    String submittedValue = null;
    QuarantineReason reason;
    if (u < 0.4) {
      reason = QuarantineReason.UNKNOWN_WARD;
      List<String> unknown = plan.unknownWards.get(Era.on(submitted.toLocalDate()));
      wardValue = unknown.get(random.nextInt(unknown.size()));
    } else if (u < 0.7) {
      reason = QuarantineReason.BAD_ENUM;
      if (random.nextBoolean()) {
        channel = "KIOSK";
      } else {
        channel = "ONLINE";
        auth = "SSO";
      }
    } else {
      reason = QuarantineReason.UNPARSEABLE_VALUE;
      submittedValue = random.nextBoolean() ? submitted.format(DOTTED) : submitted.format(HOURS);
    }
    LocalDateTime updated = submitted.plusMinutes(5 + random.nextInt(300));
    if (updated.isAfter(plan.end)) {
      updated = plan.end;
    }
    FileFormat format = plan.dossierFiles.get(YearMonth.from(updated));
    String[] values = {
      id,
      service,
      wardValue,
      channel,
      auth,
      submittedValue != null ? submittedValue : format.timestamp(submitted),
      format.timestamp(due),
      "",
      "RECEIVED",
      format.timestamp(updated)
    };
    write(format, values, note(id), reason);
    quarantinedDossiers++;
  }

  // ------------------------------------------------------------------------------------------
  // daily reports

  private DailyReportCounts writeDailyReports() {
    long expected = 0;
    long onTime = 0;
    long late = 0;
    long missing = 0;
    long misreported = 0;
    for (Campaign campaign : plan.campaigns) {
      LocalDate first = max(campaign.start(), plan.startDate);
      LocalDate last = min(campaign.deadline(), plan.endDate);
      for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
        Era era = Era.on(day);
        int fromWard = era == Era.PRE_REFORM ? 0 : k;
        int toWard = era == Era.PRE_REFORM ? k - 1 : k;
        for (int ward = fromWard; ward <= toWard; ward++) {
          expected++;
          SplittableRandom random = Rng.of(seed, TAG_REPORT, unit.index(), ward, day.toEpochDay());
          double sloppiness = traits(ward).reportSloppiness();
          if (random.nextDouble() < 0.03 * sloppiness) {
            missing++;
            continue;
          }
          int[] truth = dailyTruth.getOrDefault(dayKey(ward, day), new int[2]);
          int applications = truth[0];
          int activations = truth[1];
          if (random.nextDouble() < 0.05 * sloppiness) {
            misreported++;
            int delta = 1 + random.nextInt(3 + Math.max(applications, activations) / 5);
            if (random.nextBoolean()) {
              applications =
                  applications >= delta && random.nextBoolean()
                      ? applications - delta
                      : applications + delta;
            } else {
              activations =
                  activations >= delta && random.nextBoolean()
                      ? activations - delta
                      : activations + delta;
            }
          }
          LocalDateTime submitted;
          if (random.nextDouble() < 0.08 * sloppiness) {
            late++;
            boolean nextDay = random.nextBoolean() && day.isBefore(plan.endDate);
            submitted =
                nextDay
                    ? day.plusDays(1).atTime(7, 0).plusSeconds(random.nextInt(4 * 3600))
                    : day.atTime(17, 0)
                        .plusSeconds(random.nextInt(10) == 0 ? 0 : random.nextInt(7 * 3600));
          } else {
            onTime++;
            submitted = day.atTime(7, 0).plusSeconds(random.nextInt(10 * 3600));
          }
          FileFormat format = plan.reportFiles.get(YearMonth.from(day));
          String[] values = {
            wardCode(ward),
            format.date(day),
            format.timestamp(submitted),
            Integer.toString(applications),
            Integer.toString(activations)
          };
          write(format, values, "", null);
        }
      }
    }
    return new DailyReportCounts(expected, onTime, late, missing, misreported);
  }

  // ----------------------------------------------------------------------------------------------
  // helpers

  private void write(FileFormat format, String[] values, String note, QuarantineReason reason) {
    chunks.write(format, values, note);
    long[] counts = stats.get(format.relativePath());
    counts[0]++;
    if (reason != null) {
      counts[1 + reason.ordinal()]++;
    }
  }

  private static String note(String key) {
    return NOTES[Math.floorMod(key.hashCode(), NOTES.length)];
  }

  private static long dayKey(int ward, LocalDate day) {
    // Ward in the high half so that Long.hashCode (high ^ low) spreads over days.
    return ((long) ward << 32) | day.toEpochDay();
  }

  /** Keeps versions whose updated_at strictly increases, the last (current) one always. */
  private static List<Version> increasing(List<Version> versions) {
    List<Version> kept = new ArrayList<>();
    Version next = versions.get(versions.size() - 1);
    kept.add(next);
    for (int i = versions.size() - 2; i >= 0; i--) {
      if (versions.get(i).updatedAt().isBefore(next.updatedAt())) {
        next = versions.get(i);
        kept.add(0, next);
      }
    }
    return kept;
  }

  /** Ages of Vietnam's population (rough 2022 pyramid), 0–99. */
  private static final class Ages {
    private static final double[] CUMULATIVE = build();

    static int sample(SplittableRandom random) {
      return Rng.pick(random, CUMULATIVE);
    }

    private static double[] build() {
      double[] cumulative = new double[100];
      double sum = 0;
      for (int age = 0; age < 100; age++) {
        sum +=
            age < 40
                ? 1.0
                : age < 55 ? 0.95 : age < 65 ? 0.75 : age < 75 ? 0.45 : age < 85 ? 0.2 : 0.06;
        cumulative[age] = sum;
      }
      return cumulative;
    }
  }
}
