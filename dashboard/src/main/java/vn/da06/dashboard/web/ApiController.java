package vn.da06.dashboard.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.da06.goldread.GoldData;
import vn.da06.goldread.KpiRow;
import vn.da06.goldread.KpiStore;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardInfo;
import vn.da06.goldread.WardView;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.User;

/** JSON under /api/v1, documented in docs/dashboard.md. Keys are the gold column names. */
final class ApiController {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** KPI answers already written, for one loaded data version. */
  private record Responses(GoldData gold, Map<String, byte[]> json) {}

  private final KpiStore store;
  private volatile Responses responses = new Responses(null, Map.of());

  ApiController(KpiStore store) {
    this.store = store;
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
    List<Map<String, Object>> wards = new ArrayList<>();
    for (KpiRow row : gold.kpis(view, unit, month, month)) {
      Map<String, Object> ward = new LinkedHashMap<>();
      ward.put("ward_code", row.wardCode());
      ward.put(
          "ward_name", gold.ward(view, row.wardCode(), month).map(WardInfo::wardName).orElse(null));
      ward.put(metric.column(), row.value(metric.column()));
      if (metric.isRate()) {
        ward.put(metric.numerator(), row.value(metric.numerator()));
        ward.put(metric.denominator(), row.value(metric.denominator()));
      }
      wards.add(ward);
    }
    // Rank 1 is the best ward: the highest value, or the lowest where lower is better.
    Comparator<Number> better = Comparator.comparingDouble(Number::doubleValue);
    if (metric.direction() != Metric.Direction.LOWER_IS_BETTER) {
      better = better.reversed();
    }
    wards.sort(
        Comparator.comparing(
            (Map<String, Object> ward) -> (Number) ward.get(metric.column()),
            Comparator.nullsLast(better)));
    int rank = 0;
    for (Map<String, Object> ward : wards) {
      ward.put("rank", ward.get(metric.column()) == null ? null : ++rank);
    }
    Map<String, Object> body = header(gold, unit, view, month);
    body.put("metric", metric.column());
    body.put("wards", wards);
    ctx.json(body);
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
