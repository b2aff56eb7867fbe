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

  /**
   * The portals' 2025 columns (issue 24) are drawn from a stream of their own, so the rows and
   * counts of every other column are those of a generator without them.
   */
  private static final long TAG_PORTAL_2025 = 0x2025_24L;

  /** Share of quarantined dossiers in a 2025 export whose defect is in a 2025 column. */
  private static final double RATE_PORTAL_2025_DEFECT = 0.35;

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
    Portal2025 portal =
        portal2025(
            Rng.of(seed, TAG_PORTAL_2025, unit.index(), p.index, serial),
            traits,
            service,
            online,
            day,
            resolved != null && !status.equals("WITHDRAWN"));
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
      if (format.hasPortal2025Columns()) {
        values =
            withPortal2025(
                values,
                portal.onlineScope(),
                portal.fee(),
                version.activatedAt() == null ? "" : Boolean.toString(portal.digitized()));
      }
      write(format, values, note(id), null);
    }
    // The current row is the last version's: only its export decides whether gold knows the 2025
    // columns of this dossier (latest wins for the whole row).
    boolean exported2025 =
        plan.dossierFiles
            .get(YearMonth.from(versions.get(versions.size() - 1).updatedAt()))
            .hasPortal2025Columns();
    if (exported2025) {
      table.addEvent(WardMonthTable.SCOPE_EXPORTED, ward, day);
      if (portal.onlineScope().equals("FULL")) {
        table.addEvent(WardMonthTable.ONLINE_FULL, ward, day);
      }
      if (portal.fee().equals("PAID_ONLINE")) {
        table.addEvent(WardMonthTable.FEE_PAID_ONLINE, ward, day);
      }
      if (portal.fee().startsWith("PAID_")) {
        table.addEvent(WardMonthTable.FEE_PAID, ward, day);
      }
      if (resolved != null) {
        table.addEvent(WardMonthTable.DIGITIZATION_EXPORTED, ward, resolved.toLocalDate());
        if (portal.digitized()) {
          table.addEvent(WardMonthTable.RESOLVED_DIGITIZED, ward, resolved.toLocalDate());
        }
      }
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

  /** A dossier's values of the portals' 2025 columns, as a 2025 export writes them. */
  private record Portal2025(String onlineScope, String fee, boolean digitized) {}

  /**
   * Toàn trình rises over the months after the reform (about 20 % of all dossiers in July 2025 to
   * about 55 % a year and a half later), as do online payment and digitised results; a few online
   * dossiers have no online_scope value (it counts as not FULL).
   */
  private static Portal2025 portal2025(
      SplittableRandom random,
      WardTraits traits,
      String service,
      boolean online,
      LocalDate day,
      boolean resolvedWithResult) {
    double months = ChronoUnit.DAYS.between(FileFormat.PORTAL_2025_EXPORTS.atDay(1), day) / 30.44;
    double rise = Math.max(0, Math.min(1, months / 18));
    String scope = "";
    if (online && random.nextDouble() >= 0.01) {
      double fullShare =
          Math.max(0.05, Math.min(0.95, 0.32 + 0.5 * rise + 2 * traits.onlineLean()));
      scope = random.nextDouble() < fullShare ? "FULL" : "PARTIAL";
    }
    boolean charged = Math.floorMod(service.hashCode() * 31 + 7, 100) < 55;
    String fee = "NONE";
    if (charged) {
      double paidOnline = online ? 0.45 + 0.35 * rise : 0.03;
      fee = random.nextDouble() < paidOnline ? "PAID_ONLINE" : "PAID_OFFLINE";
    }
    boolean digitized =
        resolvedWithResult && random.nextDouble() < Math.min(0.97, 0.5 + 0.4 * rise);
    return new Portal2025(scope, fee, digitized);
  }

  private static String[] withPortal2025(
      String[] values, String onlineScope, String fee, String digitized) {
    String[] more = java.util.Arrays.copyOf(values, values.length + 3);
    more[values.length] = onlineScope;
    more[values.length + 1] = fee;
    more[values.length + 2] = digitized;
    return more;
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
    String originalChannel = channel;
    String originalAuth = auth;
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
    String scope = "";
    String fee = "";
    if (format.hasPortal2025Columns()) {
      SplittableRandom portal = Rng.of(seed, TAG_PORTAL_2025, unit.index(), Rng.code(id));
      if (portal.nextDouble() < RATE_PORTAL_2025_DEFECT) {
        // A defect in a 2025 column, the row otherwise valid.
        wardValue = wardCode(ward);
        submittedValue = null;
        channel = originalChannel;
        auth = originalAuth;
        int kind = portal.nextInt(3);
        if (kind == 0) {
          reason = QuarantineReason.BAD_ENUM;
          scope = channel.equals("ONLINE") ? "TOAN_TRINH" : "";
          fee = channel.equals("ONLINE") ? "" : "TIEN_MAT";
        } else if (kind == 1) {
          reason = QuarantineReason.BAD_ENUM;
          fee = "MIEN_PHI";
        } else {
          reason = QuarantineReason.IMPOSSIBLE_VALUE;
          channel = "COUNTER";
          auth = "NONE";
          scope = "FULL";
        }
      }
    }
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
    if (format.hasPortal2025Columns()) {
      values = withPortal2025(values, scope, fee, "");
    }
    write(format, values, note(id), reason);
    quarantined++;
  }
}
