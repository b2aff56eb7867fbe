package vn.da06.jobs.generate;

import static vn.da06.jobs.generate.Plan.max;
import static vn.da06.jobs.generate.Plan.min;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import vn.da06.warehouse.QuarantineReason;
import vn.da06.warehouse.admin.Era;

/**
 * Each resident's e-ID applications (every exported version) and the rows the contract quarantines;
 * counts the expected gold figures and the campaign days' true counts the daily reports report.
 */
final class ApplicationRows extends UnitPart {

  private static final long TAG_EID = 3;
  private static final double RATE_APPLICATION_QUARANTINE = 0.012;

  long accepted;
  long quarantined;

  ApplicationRows(UnitPart shared) {
    super(shared);
  }

  void applicationsOf(Person p) {
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

  /**
   * A planted surge ({@link Plants.Kind#SURGE}): K more level-2 applications received and activated
   * in the month, K = max(3 × min_change, 9 × the ward's 12-month median of activations).
   */
  void plantSurge(Plants.Place place) {
    YearMonth month = place.month();
    double median = Plants.medianBefore(table, WardMonthTable.ACTIVATIONS_L2, month);
    long extra =
        Math.round(
            Math.max(
                3 * vn.da06.warehouse.AnomalyRules.DEFAULT.minChange(), 9 * Math.max(median, 1)));
    List<Person> living =
        people.stream()
            .filter(p -> p.death == null || p.death.isAfter(month.atEndOfMonth()))
            .filter(p -> !p.birth.plusYears(14).isAfter(month.atDay(1)))
            .toList();
    if (living.isEmpty()) {
      return;
    }
    for (int j = 0; j < extra; j++) {
      Person p = living.get(j % living.size());
      LocalDate day = month.atDay(1 + j % Math.min(27, month.lengthOfMonth() - 1));
      int ward = wardOn(p, day);
      LocalDateTime received = day.atTime(8, 0).plusMinutes(j % 480);
      LocalDateTime activated = received.plusHours(1);
      String id =
          String.format(
              "EID-%s-%07d-2%02d", unit.current().code(), p.index, 50 + j / living.size());
      FileFormat format = plan.applicationFiles.get(YearMonth.from(activated));
      String[] values = {
        id,
        p.id,
        wardCode(ward),
        "2",
        "OFFICE",
        format.timestamp(received),
        "APPROVED",
        format.timestamp(activated),
        format.timestamp(activated.plusMinutes(5))
      };
      write(format, values, note(id), null);
      accepted++;
      table.addEvent(WardMonthTable.APPLICATIONS_L2, ward, day);
      table.addEvent(WardMonthTable.ACTIVATIONS_L2, ward, day);
      if (plan.campaignOn(day) != null) {
        int[] truth =
            dailyTruth.computeIfAbsent(dayKey(table.wardAsOf(ward, day), day), key -> new int[2]);
        truth[0]++;
        truth[1]++;
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
    accepted++;
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
    quarantined++;
  }
}
