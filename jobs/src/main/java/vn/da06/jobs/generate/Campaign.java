package vn.da06.jobs.generate;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.List;

/**
 * A campaign (chiến dịch) of level-2 e-ID enrolment: applications surge, wards report daily and
 * each ward gets a target of cumulative level-2 activations by the deadline.
 *
 * @param name as written on the targets handed down
 * @param start first day
 * @param deadline last day
 * @param level2Boost how many times more likely a level-2 application is on a campaign day
 * @param level1Boost the same for level 1
 * @param coverageGoal the ward target as a share of its eligible population at the start
 */
record Campaign(
    String name,
    LocalDate start,
    LocalDate deadline,
    double level2Boost,
    double level1Boost,
    double coverageGoal) {

  static final List<Campaign> ALL =
      List.of(
          new Campaign(
              "Chiến dịch cấp và kích hoạt ĐDĐT mức 2, 10/7–31/10/2023",
              LocalDate.of(2023, 7, 10),
              LocalDate.of(2023, 10, 31),
              6.0,
              1.5,
              0.45),
          new Campaign(
              "Chiến dịch cao điểm cấp, kích hoạt ĐDĐT mức 2, 01/3–30/6/2024",
              LocalDate.of(2024, 3, 1),
              LocalDate.of(2024, 6, 30),
              2.5,
              1.3,
              0.60),
          new Campaign(
              "Chiến dịch làm sạch dữ liệu, kích hoạt ĐDĐT mức 2, 01/9–31/12/2026",
              LocalDate.of(2026, 9, 1),
              LocalDate.of(2026, 12, 31),
              3.0,
              1.2,
              0.85));

  Campaign {
    requireNonNull(name, "name is null");
    requireNonNull(start, "start is null");
    requireNonNull(deadline, "deadline is null");
    if (deadline.isBefore(start)) {
      throw new IllegalArgumentException("campaign " + name + " ends before it starts");
    }
  }

  boolean contains(LocalDate day) {
    return !day.isBefore(start) && !day.isAfter(deadline);
  }

  /** Days of this campaign within [first, last]. */
  long overlapDays(LocalDate first, LocalDate last) {
    LocalDate from = first.isAfter(start) ? first : start;
    LocalDate to = last.isBefore(deadline) ? last : deadline;
    return from.isAfter(to) ? 0 : to.toEpochDay() - from.toEpochDay() + 1;
  }
}
