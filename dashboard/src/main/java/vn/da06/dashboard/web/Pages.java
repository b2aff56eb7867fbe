package vn.da06.dashboard.web;

import java.util.List;
import java.util.Set;
import vn.da06.warehouse.access.Role;

/**
 * The pages of a unit, one class each; pure functions of the page context (the layout is in {@link
 * Layout}). {@link #build} is the one entry the app calls.
 */
final class Pages {
  static final List<String> PAGES =
      List.of("overview", "scorecard", "ranking", "targets", "quality", "services", "daily", "map");
  static final String DEFAULT_RANKING_METRIC = "eid_l2_coverage_rate";

  /** What a table may be sorted by besides a metric column (?sort=...). */
  static final List<String> SORT_KEYS =
      List.of("value", "code", "name", "rank", "change", "rank_change", "composite");

  /** Row-level tables (page/table id) shown and exported only from this role up. */
  static final Set<String> ANALYST_TABLES = Set.of("daily/reports");

  static final Role ANALYST_TABLES_ROLE = Role.ANALYST;

  private Pages() {}

  static PageContent build(PageContext page) {
    return switch (page.state().page()) {
      case "overview" -> OverviewPage.build(page);
      case "scorecard" -> ScorecardPage.build(page);
      case "ranking" -> RankingPage.build(page);
      case "targets" -> TargetsPage.build(page);
      case "quality" -> QualityPage.build(page);
      case "services" -> ServicesPage.build(page);
      case "daily" -> DailyPage.build(page);
      case "map" -> MapPage.build(page);
      default ->
          throw DashboardException.notFound(
              "Cannot show page '" + page.state().page() + "': there is no such page");
    };
  }
}
