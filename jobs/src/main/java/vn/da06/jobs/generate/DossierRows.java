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
import vn.da06.jobs.generate.Plan.WardTraits;
import vn.da06.warehouse.QuarantineReason;
import vn.da06.warehouse.admin.Era;

/**
 * Each resident's public-service dossiers (every exported version) and the rows the contract
 * quarantines; counts the expected gold figures.
 */
final class DossierRows extends UnitPart {

  private static final long TAG_DOSSIER = 4;
  private static final double RATE_DOSSIER_QUARANTINE = 0.006;

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

  long accepted;
  long quarantined;

  DossierRows(UnitPart shared) {
    super(shared);
  }

  void dossiersOf(Person p) {
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
        Plants.Place planted = plan.plants.at(unit.index());
        if (planted != null
            && planted.kind() == Plants.Kind.DROP
            && planted.month().equals(month)) {
          continue; // planted: the export missed the ward's dossiers of the month
        }
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
    accepted++;
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
    quarantined++;
  }
}
