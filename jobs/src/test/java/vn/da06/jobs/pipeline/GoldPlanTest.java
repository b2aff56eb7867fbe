package vn.da06.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What a run recomputes of gold, decided without Spark. */
class GoldPlanTest {

  private static final List<LocalDate> SNAPSHOTS =
      List.of(LocalDate.of(2025, 3, 31), LocalDate.of(2025, 9, 30), LocalDate.of(2026, 3, 31));

  /** Gold's months of a warehouse holding 2022-03 to 2026-10. */
  private static final List<String> GOLD_MONTHS =
      Stream.iterate(
              YearMonth.of(2022, 3), m -> !m.isAfter(YearMonth.of(2026, 10)), m -> m.plusMonths(1))
          .map(YearMonth::toString)
          .toList();

  @Test
  void lateDataForAnOldMonthRecomputesThatMonthAndEveryLaterOneAndLeavesEarlierMonths() {
    GoldPlan plan = GoldPlan.of(List.of("2024-03"), SNAPSHOTS, false, true);

    assertThat(plan.recompute()).isTrue();
    assertThat(plan.fromMonth()).isEqualTo("2024-03");
    assertThat(plan.where()).isEqualTo("month >= '2024-03'");
    assertThat(GOLD_MONTHS.stream().filter(plan::rewrites)).first().isEqualTo("2024-03");
    assertThat(GOLD_MONTHS.stream().filter(plan::rewrites)).last().isEqualTo("2026-10");
    assertThat(GOLD_MONTHS.stream().filter(month -> !plan.rewrites(month)))
        .last()
        .isEqualTo("2024-02");
    // Before the reform: every row is read again (no seeds from the month before).
    assertThat(plan.monthBefore(false)).isEmpty();
    assertThat(plan.withHeldMonths(GOLD_MONTHS, false).incremental()).isFalse();
    assertThat(plan.snapshotMonths()).containsExactly("2025-03", "2025-09", "2026-03");
  }

  @Test
  void lateDataAfterTheReformReadsOnlyTheRowsOfTheMonthsRedoneAndContinuesTheMonthBefore() {
    GoldPlan plan = GoldPlan.of(List.of("2025-11", "2026-02"), SNAPSHOTS, false, true);

    assertThat(plan.fromMonth()).isEqualTo("2025-11");
    assertThat(plan.monthBefore(false)).contains("2025-10");
    GoldPlan update = plan.withHeldMonths(List.of("2025-10", "2025-11", "2025-12"), false);
    assertThat(update.incremental()).isTrue();
    assertThat(update.firstDay()).contains(LocalDate.of(2025, 11, 1));
    // The September snapshot gave October its eligible population: carried over, not read again.
    assertThat(update.carriedSnapshot()).contains(LocalDate.of(2025, 9, 30));
    assertThat(update.readsSnapshots()).isTrue();
    assertThat(update.snapshotMonths()).containsExactly("2026-03");
  }

  @Test
  void anUpdateIsNotIncrementalWhenGoldLacksTheMonthBeforeOrTheWardsChanged() {
    GoldPlan plan = GoldPlan.of(List.of("2025-11"), SNAPSHOTS, false, true);

    assertThat(plan.withHeldMonths(List.of("2025-11"), false).incremental()).isFalse();
    assertThat(plan.monthBefore(true)).isEmpty();
    assertThat(plan.withHeldMonths(List.of("2025-10"), true).incremental()).isFalse();
    // The first month after the reform continues a month of the old wards: not incremental.
    assertThat(GoldPlan.of(List.of("2025-07"), SNAPSHOTS, false, true).monthBefore(false))
        .isEmpty();
    assertThat(GoldPlan.of(List.of("2025-08"), SNAPSHOTS, false, true).monthBefore(false))
        .contains("2025-07");
  }

  @Test
  void aNewPopulationSnapshotRecomputesFromItsMonthAndGivesTheLaterMonthsTheirEligiblePopulation() {
    List<LocalDate> withNew =
        Stream.concat(SNAPSHOTS.stream(), Stream.of(LocalDate.of(2026, 9, 30))).toList();
    // SilverMergeStage records the snapshot's month as pending.
    GoldPlan plan =
        GoldPlan.of(List.of("2026-09"), withNew, false, true)
            .withHeldMonths(List.of("2026-08", "2026-09", "2026-10"), false);

    assertThat(plan.incremental()).isTrue();
    assertThat(plan.readsSnapshots()).isTrue();
    assertThat(plan.carriedSnapshot()).contains(LocalDate.of(2026, 3, 31));
    assertThat(plan.snapshotMonths()).containsExactly("2026-09");
    assertThat(plan.calendar(YearMonth.of(2026, 8), YearMonth.of(2026, 10)))
        .containsExactly(
            new GoldPlan.CalendarMonth("2026-08", LocalDate.of(2026, 3, 31), null),
            new GoldPlan.CalendarMonth(
                "2026-09", LocalDate.of(2026, 9, 30), LocalDate.of(2026, 9, 30)),
            new GoldPlan.CalendarMonth("2026-10", LocalDate.of(2026, 9, 30), null));
  }

  @Test
  void anIncrementalUpdateWithNoNewSnapshotReadsNone() {
    GoldPlan plan =
        GoldPlan.of(List.of("2026-05"), SNAPSHOTS, false, true)
            .withHeldMonths(List.of("2026-04", "2026-05"), false);

    assertThat(plan.readsSnapshots()).isFalse();
    assertThat(plan.carriedSnapshot()).contains(LocalDate.of(2026, 3, 31));
    assertThat(plan.snapshotMonths()).isEmpty();
  }

  @Test
  void aRerunWithNothingNewRecomputesNothing() {
    GoldPlan plan = GoldPlan.of(List.of(), SNAPSHOTS, false, true);

    assertThat(plan.recompute()).isFalse();
    assertThat(plan.fromMonth()).isNull();
  }

  @Test
  void newTargetsOrAWarehouseWithoutGoldRecomputeEveryMonth() {
    for (GoldPlan plan :
        List.of(
            GoldPlan.of(List.of(), SNAPSHOTS, true, true),
            GoldPlan.of(List.of(), SNAPSHOTS, false, false))) {
      assertThat(plan.recompute()).isTrue();
      assertThat(plan.fromMonth()).isNull();
      assertThat(plan.where()).isEqualTo("true");
      assertThat(GOLD_MONTHS).allMatch(plan::rewrites);
      assertThat(plan.withHeldMonths(GOLD_MONTHS, false).incremental()).isFalse();
    }
  }

  @Test
  void monthsAKilledRunLeftPendingArePickedUpByTheNextRun() {
    // The killed run recorded 2024-06 in ops.gold_pending, merged silver and died before gold; the
    // next run brings nothing new, or newer rows of its own.
    assertThat(GoldPlan.of(List.of("2024-06"), SNAPSHOTS, false, true).fromMonth())
        .isEqualTo("2024-06");
    GoldPlan withNewRows = GoldPlan.of(List.of("2026-10", "2024-06"), SNAPSHOTS, false, true);
    assertThat(withNewRows.recompute()).isTrue();
    assertThat(withNewRows.fromMonth()).isEqualTo("2024-06");
  }

  @Test
  void aCalendarMonthReadsTheLatestSnapshotOnOrBeforeItsEndAndItsOwnMonthsForQuality() {
    GoldPlan plan = GoldPlan.from(null, SNAPSHOTS);

    assertThat(plan.calendar(YearMonth.of(2025, 2), YearMonth.of(2025, 4)))
        .containsExactly(
            new GoldPlan.CalendarMonth("2025-02", null, null),
            new GoldPlan.CalendarMonth(
                "2025-03", LocalDate.of(2025, 3, 31), LocalDate.of(2025, 3, 31)),
            new GoldPlan.CalendarMonth("2025-04", LocalDate.of(2025, 3, 31), null));
  }

  @Test
  void aMonthThatIsNoMonthIsRefused() {
    assertThatThrownBy(() -> GoldPlan.from("2025-13", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot plan gold from month 2025-13: it is not a month written yyyy-MM");
  }
}
