package vn.da06.jobs.generate;

import static vn.da06.jobs.generate.Plan.max;
import static vn.da06.jobs.generate.Plan.min;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.SplittableRandom;
import vn.da06.jobs.generate.GeneratorSummary.DailyReportCounts;
import vn.da06.warehouse.admin.Era;

/**
 * The wards' daily reports on each campaign day, from the true counts of the applications written,
 * some missing, late or misreported.
 */
final class DailyReportRows extends UnitPart {

  private static final long TAG_REPORT = 5;

  DailyReportRows(UnitPart shared) {
    super(shared);
  }

  DailyReportCounts writeDailyReports() {
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
          boolean off = false;
          if (random.nextDouble() < 0.05 * sloppiness) {
            off = true;
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
          Plants.Place planted = plan.plants.at(unit.index());
          if (planted != null
              && planted.kind() == Plants.Kind.DAILY
              && planted.month().equals(YearMonth.from(day))) {
            applications = Math.max(applications + 5, 2 * applications); // planted: overclaimed
            if (!off) {
              misreported++;
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
}
