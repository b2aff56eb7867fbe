package vn.da06.goldread;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.da06.warehouse.Metrics;

/**
 * A hand-written store for unit tests: a tiny province 20 with two current wards; ward 06325 took
 * in the old wards 06325 and 06328 (district 201) in July 2025; ward 06400 is the old ward 06400
 * (district 202).
 */
public final class FakeKpiStore implements KpiStore {
  private final GoldData gold;

  public FakeKpiStore(GoldData gold) {
    this.gold = gold;
  }

  /** A store with no warehouse behind it. */
  public static KpiStore empty() {
    return () -> {
      throw new WarehouseUnavailableException(
          "There are no gold tables in /nowhere yet (run ./da06 demo)");
    };
  }

  @Override
  public GoldData current() {
    return gold;
  }

  public static WardInfo pre(String code, String name, String district) {
    return new WardInfo(
        code,
        WardInfo.PRE_REFORM,
        name,
        "Xã",
        district,
        "Huyện " + district,
        "20",
        "Lạng Sơn",
        null,
        null,
        null,
        List.of(),
        "20");
  }

  public static WardInfo preMergedInto(String code, String name, String district, String current) {
    return new WardInfo(
        code,
        WardInfo.PRE_REFORM,
        name,
        "Xã",
        district,
        "Huyện " + district,
        "20",
        "Lạng Sơn",
        null,
        null,
        current,
        List.of(current),
        "20");
  }

  public static WardInfo now(String code, String name, String province) {
    return new WardInfo(
        code,
        WardInfo.POST_REFORM,
        name,
        "Xã",
        null,
        null,
        province,
        "Tỉnh " + province,
        null,
        null,
        code,
        List.of(code),
        province);
  }

  /** A row with every count 0 except those given; rates as gold would compute them. */
  public static KpiRow row(String ward, String month, Map<String, Long> counts) {
    Map<String, Object> values = new LinkedHashMap<>();
    Metrics.counts()
        .forEach(metric -> values.put(metric.column(), counts.getOrDefault(metric.column(), 0L)));
    Metrics.HELPER_COUNTS.forEach(helper -> values.put(helper, counts.getOrDefault(helper, 0L)));
    Metrics.rates()
        .forEach(
            metric ->
                values.put(
                    metric.column(),
                    vn.da06.warehouse.Metric.rate(
                        (Long) values.get(metric.numerator()),
                        (Long) values.get(metric.denominator()))));
    return new KpiRow(ward, month, "20", null, values);
  }

  public static FakeKpiStore small() {
    return small(List.of());
  }

  /** {@link #small()} with rows of gold.anomalies. */
  public static FakeKpiStore small(List<AnomalyRow> anomalies) {
    List<WardInfo> wards =
        List.of(
            preMergedInto("06325", "Xã Bắc Sơn (cũ)", "201", "06325"),
            preMergedInto("06328", "Xã Hữu Vĩnh", "201", "06325"),
            preMergedInto("06400", "Xã Khác", "202", "06400"),
            now("06325", "Xã Bắc Sơn", "20"),
            now("06400", "Xã Khác", "20"),
            now("00001", "Phường Hà Nội", "01"));
    List<KpiRow> reported = new ArrayList<>();
    List<KpiRow> current = new ArrayList<>();
    reported.add(row("06325", "2025-06", Map.of("dossiers_total", 1L, "dossiers_online", 1L)));
    reported.add(row("06328", "2025-06", Map.of("dossiers_total", 9L, "dossiers_online", 0L)));
    reported.add(row("06400", "2025-06", Map.of("dossiers_total", 10L, "dossiers_online", 8L)));
    reported.add(row("06325", "2025-07", Map.of("dossiers_total", 10L, "dossiers_online", 1L)));
    reported.add(row("06400", "2025-07", Map.of("dossiers_total", 30L, "dossiers_online", 27L)));
    reported.add(row("00001", "2025-07", Map.of("dossiers_total", 5L, "dossiers_online", 5L)));
    current.add(row("06325", "2025-06", Map.of("dossiers_total", 10L, "dossiers_online", 1L)));
    current.add(row("06400", "2025-06", Map.of("dossiers_total", 10L, "dossiers_online", 8L)));
    current.add(row("06325", "2025-07", Map.of("dossiers_total", 10L, "dossiers_online", 1L)));
    current.add(row("06400", "2025-07", Map.of("dossiers_total", 30L, "dossiers_online", 27L)));
    current.add(row("00001", "2025-07", Map.of("dossiers_total", 5L, "dossiers_online", 5L)));
    List<vn.da06.goldread.ServiceInfo> services =
        List.of(
            new vn.da06.goldread.ServiceInfo("ES01", "Đăng ký khai sinh", true),
            new vn.da06.goldread.ServiceInfo("TTHC-9", "Thủ tục khác", false));
    List<vn.da06.goldread.ServiceMonthRow> serviceMonths =
        List.of(
            new vn.da06.goldread.ServiceMonthRow("06325", "2025-07", "ES01", 4, 3, 2, 1),
            new vn.da06.goldread.ServiceMonthRow("06400", "2025-07", "ES01", 6, 1, 5, 5),
            new vn.da06.goldread.ServiceMonthRow("00001", "2025-07", "ES01", 100, 100, 0, 0));
    List<vn.da06.goldread.TargetRow> targets =
        List.of(
            new vn.da06.goldread.TargetRow(
                "06325",
                "eid_activations_l2_cum",
                "Chiến dịch 2025",
                100.0,
                java.time.LocalDate.of(2025, 7, 1),
                java.time.LocalDate.of(2025, 12, 31),
                "2025-07",
                20.0,
                0.2,
                60.0,
                false,
                153L,
                0.52),
            new vn.da06.goldread.TargetRow(
                "06400",
                "eid_activations_l2_cum",
                "Chiến dịch 2025",
                100.0,
                java.time.LocalDate.of(2025, 7, 1),
                java.time.LocalDate.of(2025, 12, 31),
                "2025-07",
                90.0,
                0.9,
                130.0,
                true,
                153L,
                0.07),
            new vn.da06.goldread.TargetRow(
                "00001",
                "eid_activations_l2_cum",
                "Hà Nội",
                100.0,
                java.time.LocalDate.of(2025, 7, 1),
                java.time.LocalDate.of(2025, 12, 31),
                "2025-07",
                1.0,
                0.01,
                2.0,
                false,
                153L,
                0.6));
    List<vn.da06.goldread.DailyReportRow> daily =
        List.of(
            new vn.da06.goldread.DailyReportRow(
                "06325",
                java.time.LocalDate.of(2025, 7, 2),
                "2025-07",
                Instant.parse("2025-07-02T09:30:00Z"),
                true,
                "ON_TIME",
                5L,
                2L,
                5L,
                2L,
                0L,
                0L),
            new vn.da06.goldread.DailyReportRow(
                "06400",
                java.time.LocalDate.of(2025, 7, 2),
                "2025-07",
                Instant.parse("2025-07-02T11:30:00Z"),
                false,
                "LATE",
                7L,
                2L,
                5L,
                2L,
                2L,
                0L),
            new vn.da06.goldread.DailyReportRow(
                "06400",
                java.time.LocalDate.of(2025, 7, 3),
                "2025-07",
                null,
                null,
                "MISSING",
                null,
                null,
                4L,
                1L,
                null,
                null));
    return new FakeKpiStore(
        new InMemoryGold(
            new DataVersion(7, Instant.parse("2025-08-01T00:05:00Z"), Map.of()),
            wards,
            reported,
            current,
            services,
            serviceMonths,
            targets,
            daily,
            anomalies));
  }
}
