package vn.da06.dashboard.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.da06.goldread.GoldData;
import vn.da06.goldread.KpiRow;
import vn.da06.goldread.KpiStore;
import vn.da06.goldread.League;
import vn.da06.goldread.References;
import vn.da06.goldread.Scorecard;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardView;
import vn.da06.warehouse.Goals;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.Reference;
import vn.da06.warehouse.Steering;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.User;

/** JSON under /api/v1, documented in docs/dashboard.md. Keys are the gold column names. */
final class ApiController {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** KPI answers already written, for one loaded data version. */
  private record Responses(GoldData gold, Map<String, byte[]> json) {}

  private final KpiStore store;
  private final Goals goals;
  private volatile Steering steering = Steering.DEFAULT;
  private volatile Responses responses = new Responses(null, Map.of());

  ApiController(KpiStore store, Goals goals) {
    this.store = store;
    this.goals = goals;
  }

  /** The scorecard's weights and ward visibility; answers already written are dropped. */
  void steering(Steering newSteering) {
    this.steering = newSteering;
    this.responses = new Responses(null, Map.of());
  }

  /** GET /api/v1/units/{unitCode}/kpis?month=yyyy-MM[&wards=current] */
  void unitKpis(Context ctx) {
    Access.require(ctx, Role.ANALYST, "the JSON API");
    GoldData gold = store.current();
    UnitScope unit = Access.unit(ctx, gold);
    WardView view = view(ctx);
    String month = month(ctx, gold, view, unit);
    // The answer is a function of the unit, view, month and loaded data: written once per data
    // version.
    Responses responses = this.responses;
    if (responses.gold() != gold) {
      responses = new Responses(gold, new java.util.concurrent.ConcurrentHashMap<>());
      this.responses = responses;
    }
    String key =
        view.parameter()
            + "|"
            + month
            + "|"
            + unit.code()
            + (unit.currentWards().isEmpty() ? "|pre" : "");
    byte[] json = responses.json().get(key);
    if (json == null) {
      GoldData.Aggregate aggregate = gold.aggregate(view, unit, month);
      Map<String, Object> body = header(gold, unit, view, month);
      body.put("ward_count", aggregate.wardCount());
      body.putAll(aggregate.values());
      // The same bands and ranks as the pages: Standings, References, Scorecard.
      References references = Standings.references(gold, unit, goals);
      Map<String, Object> bands = new LinkedHashMap<>();
      for (Metric metric : Metrics.ALL) {
        if (metric.isBanded()) {
          bands.put(
              metric.column(),
              references
                  .band(metric, unit.code(), month, aggregate.values().get(metric.column()))
                  .apiName());
        }
      }
      body.put("band", bands);
      if (unit.level() == vn.da06.warehouse.access.UnitLevel.WARD) {
        Scorecard card = Standings.scorecard(gold, unit, goals, steering, view, month);
        Scorecard.Line line = card.ward(unit.code()).orElse(null);
        body.put("composite", line == null ? null : line.composite());
        body.put("rank", line == null ? null : line.rank());
        body.put("rank_change", line == null ? null : line.rankChange());
        body.put("ranked_wards", card.ranked());
        body.put("rank_month_before", card.monthBefore());
      }
      try {
        json = JSON.writeValueAsBytes(body);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("Cannot write the KPI answer as JSON", e);
      }
      if (responses.json().size() < 50_000) {
        responses.json().put(key, json);
      }
    }
    ctx.contentType("application/json").result(json);
  }

  /** GET /api/v1/units/{unitCode}/wards?metric=...&month=...[&wards=current] */
  void unitWards(Context ctx) {
    Access.require(ctx, Role.ANALYST, "the JSON API");
    GoldData gold = store.current();
    UnitScope unit = Access.unit(ctx, gold);
    WardView view = view(ctx);
    String month = month(ctx, gold, view, unit);
    String column = ctx.queryParam("metric");
    if (column == null || column.isBlank()) {
      throw DashboardException.badRequest(
          "Cannot rank wards: the metric parameter is missing (e.g. metric=online_rate)");
    }
    Metric metric = Metrics.byColumn(PageState.validMetric(column)).orElseThrow();
    UnitScope mine = Access.mine(ctx, gold);
    // Ranks among the province's wards (Standings); the rows are those the user may see.
    League league = Standings.league(gold, unit, goals, view, month, metric);
    java.util.function.Predicate<String> listed =
        Standings.listed(gold, mine, unit, steering, view, month);
    List<Map<String, Object>> wards = new ArrayList<>();
    for (League.Entry entry : league.entries()) {
      if (!listed.test(entry.wardCode())) {
        continue;
      }
      KpiRow row = entry.row();
      Map<String, Object> ward = new LinkedHashMap<>();
      ward.put("ward_code", row.wardCode());
      ward.put("ward_name", entry.wardName());
      ward.put(metric.column(), row.value(metric.column()));
      if (metric.isRate()) {
        ward.put(metric.numerator(), row.value(metric.numerator()));
        ward.put(metric.denominator(), row.value(metric.denominator()));
      }
      ward.put("band", entry.band().apiName());
      ward.put("reference", reference(entry.reference()));
      // Rank 1 is the best ward of the province: the highest value, or the lowest where lower is
      // better; rank_change is places gained since the month before.
      ward.put("rank", entry.rank());
      ward.put("rank_change", entry.rankChange());
      ward.put("change", entry.change());
      wards.add(ward);
    }
    Map<String, Object> body = header(gold, unit, view, month);
    body.put("metric", metric.column());
    body.put("ranked_wards", league.ranked());
    body.put("rank_month_before", league.monthBefore());
    body.put("wards", wards);
    ctx.json(body);
  }

  /**
   * GET /api/v1/units/{unitCode}/scorecard?month=...[&wards=current]: the scorecard page's rows
   * (headline indicators with value, band, rank and reference; composite, rank, rank_change),
   * computed by the same {@link Scorecard} and limited to the wards the user may see.
   */
  void unitScorecard(Context ctx) {
    Access.require(ctx, Role.ANALYST, "the JSON API");
    GoldData gold = store.current();
    UnitScope unit = Access.unit(ctx, gold);
    UnitScope mine = Access.mine(ctx, gold);
    WardView view = view(ctx);
    String month = month(ctx, gold, view, unit);
    Scorecard card = Standings.scorecard(gold, unit, goals, steering, view, month);
    java.util.function.Predicate<String> listed =
        Standings.listed(gold, mine, unit, steering, view, month);
    Map<String, Object> body = header(gold, unit, view, month);
    body.put("metrics", card.metrics().stream().map(Metric::column).toList());
    body.put("ranked_wards", card.ranked());
    body.put("rank_month_before", card.monthBefore());
    body.put("province", line(card.province()));
    List<Map<String, Object>> wards = new ArrayList<>();
    for (Scorecard.Line line : card.wards()) {
      if (listed.test(line.unitCode())) {
        wards.add(line(line));
      }
    }
    body.put("wards", wards);
    ctx.json(body);
  }

  private static Map<String, Object> line(Scorecard.Line line) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("unit_code", line.unitCode());
    out.put("unit_name", line.unitName());
    out.put("composite", line.composite());
    out.put("rank", line.rank());
    out.put("rank_change", line.rankChange());
    Map<String, Object> cells = new LinkedHashMap<>();
    for (Scorecard.Cell cell : line.cells()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("value", cell.value());
      entry.put("band", cell.band().apiName());
      entry.put("rank", cell.rank());
      entry.put("attainment", cell.attainment());
      entry.put("reference", reference(cell.reference()));
      cells.put(cell.metric().column(), entry);
    }
    out.put("indicators", cells);
    return out;
  }

  /**
   * A reference as JSON: value, source (unit_target, province_target, goal), deadline, campaign.
   */
  private static Map<String, Object> reference(Reference reference) {
    if (reference == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("value", reference.value());
    out.put("source", reference.source().name().toLowerCase(java.util.Locale.ROOT));
    out.put("deadline", reference.deadline() == null ? null : reference.deadline().toString());
    out.put("campaign", reference.campaign());
    return out;
  }

  /** GET /api/v1/metrics: the one definition of every metric. */
  void metrics(Context ctx) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Metric metric : Metrics.ALL) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("column", metric.column());
      entry.put("label_vi", metric.labelVi());
      entry.put("label_en", metric.labelEn());
      entry.put("kind", metric.kind().name().toLowerCase());
      entry.put("numerator", metric.numerator());
      entry.put("denominator", metric.denominator());
      entry.put("definition", metric.definition());
      list.add(entry);
    }
    ctx.json(Map.of("metrics", list));
  }

  /** GET /api/v1/me: who the token or session is, and the data version. */
  void me(Context ctx) {
    User user = ctx.attribute(Access.USER);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", user.name());
    body.put("unit", user.unit());
    body.put("role", user.role().id());
    ctx.json(body);
  }

  private static Map<String, Object> header(
      GoldData gold, UnitScope unit, WardView view, String month) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("unit_code", unit.code());
    body.put("unit_name", unit.name());
    body.put("unit_level", unit.level().name().toLowerCase());
    if (unit.level() == vn.da06.warehouse.access.UnitLevel.WARD && unit.currentWards().isEmpty()) {
      body.put("era", PageState.PRE_REFORM_ERA);
    }
    body.put("month", month);
    body.put("wards", view.parameter());
    body.put("data_version", gold.version().version());
    body.put("data_updated_at", gold.version().updatedAt().toString());
    return body;
  }

  private static WardView view(Context ctx) {
    try {
      return WardView.parse(ctx.queryParam("wards"));
    } catch (IllegalArgumentException e) {
      throw DashboardException.badRequest(e.getMessage());
    }
  }

  static String month(Context ctx, GoldData gold, WardView view, UnitScope unit) {
    String month = Access.month(ctx.queryParam("month"), gold, view, unit);
    if (month == null) {
      throw DashboardException.notFound("Cannot choose a month: gold has no months yet");
    }
    return month;
  }
}
