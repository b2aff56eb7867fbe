package vn.da06.dashboard.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.da06.goldread.KpiRow;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardView;
import vn.da06.warehouse.Band;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.Reference;
import vn.da06.warehouse.access.UnitLevel;

/**
 * Bản đồ: the unit's wards of today drawn from the operator's boundaries ({@link WardBoundaries}),
 * each filled with its band for the chosen metric in the chosen month ({@link Bands}), a link to
 * the ward's page, with the legend of the bands. Drawn on the server as SVG: nothing to load, every
 * ward a real link (keyboard, print, no script). The codes of the file are checked against the ward
 * list: wards without a boundary and codes that are no ward of today are said in words on the page
 * and, once per unit and data version, in the log. Without boundaries the page says how to add
 * them.
 */
final class MapPage {
  private static final Logger LOG = LoggerFactory.getLogger(MapPage.class);
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();
  private static final double WIDTH = 800;
  private static final double MAX_HEIGHT = 900;
  private static final double PADDING = 4;

  /** Points closer than this (in the drawing's units) to the last one kept are left out. */
  private static final double MIN_STEP = 0.6;

  private MapPage() {}

  static PageContent build(PageContext page) {
    Lang lang = page.lang();
    PageState state = page.state();
    UnitScope unit = page.unit();
    PageContent content = new PageContent(lang.t("nav.map") + " · " + unit.name());
    WardBoundaries boundaries =
        page.ctx() == null ? null : page.ctx().attribute(WardBoundaries.ATTRIBUTE);
    if (boundaries == null) {
      content.raw(
          "<section class=\"map-missing\" data-testid=\"map-missing\"><p>"
              + Html.esc(lang.t("map.none"))
              + "</p><pre>./da06 serve --boundaries config/ward-boundaries.geojson</pre><p>"
              + Html.esc(lang.t("map.none.format"))
              + "</p></section>");
      return content;
    }
    Metric metric =
        Metrics.require(state.metric() == null ? Pages.DEFAULT_RANKING_METRIC : state.metric());
    String month = state.month();

    Map<String, KpiRow> rows = new HashMap<>();
    for (KpiRow row : page.gold().kpis(WardView.CURRENT, unit, month, month)) {
      rows.put(row.wardCode(), row);
    }
    Set<String> wards = new TreeSet<>(unit.currentWards());
    List<String> missing = wards.stream().filter(code -> boundaries.shape(code) == null).toList();
    List<String> unknown =
        boundaries.codes().stream()
            .filter(code -> page.gold().unit(code).filter(u -> isWardOfToday(u, code)).isEmpty())
            .sorted()
            .toList();
    logOnce(page, boundaries, missing, unknown);

    List<WardBoundaries.Shape> shapes =
        wards.stream().map(boundaries::shape).filter(java.util.Objects::nonNull).toList();
    content.heading(lang.label(metric) + " · " + lang.month(month));
    if (shapes.isEmpty()) {
      content.note(String.format(lang.t("map.nowards"), boundaries.file().getFileName()));
    } else {
      Bands bands = Bands.of(page);
      Set<Reference> references = new LinkedHashSet<>();
      StringBuilder paths = new StringBuilder();
      // A ward's map shows the province's other wards around it as bare outlines: no name, figure
      // or link (a ward user may not be allowed to see them).
      List<WardBoundaries.Shape> around = List.of();
      if (unit.level() == UnitLevel.WARD && unit.provinceCode() != null) {
        around =
            page
                .gold()
                .unit(unit.provinceCode())
                .map(UnitScope::currentWards)
                .orElse(Set.of())
                .stream()
                .filter(code -> !wards.contains(code))
                .sorted()
                .map(boundaries::shape)
                .filter(java.util.Objects::nonNull)
                .toList();
      }
      List<WardBoundaries.Shape> all = new ArrayList<>(shapes);
      all.addAll(around);
      Projection projection = Projection.fit(all);
      for (WardBoundaries.Shape shape : around) {
        paths
            .append("<path class=\"ward-around\" fill=\"#f1f3f5\" fill-rule=\"evenodd\" d=\"")
            .append(projection.path(shape))
            .append("\"/>");
      }
      for (WardBoundaries.Shape shape : shapes) {
        String code = shape.wardCode();
        KpiRow row = rows.get(code);
        Object value = row == null ? null : row.value(metric.column());
        bands.reference(metric, code, month).ifPresent(references::add);
        Band band = bands.of(metric, code, month, value);
        String name = page.gold().unit(code).map(UnitScope::name).orElse(code);
        String href = state.with("unit", code).with("page", "overview").sortedBy(null, false).url();
        String title =
            name
                + " ("
                + code
                + "): "
                + (value == null ? lang.t("nodata") : lang.value(metric, value))
                + (band == Band.NONE ? "" : " · " + band.label(lang == Lang.VI));
        paths
            .append("<a href=\"")
            .append(Html.esc(href))
            .append("\" data-ward=\"")
            .append(Html.esc(code))
            .append("\" aria-label=\"")
            .append(Html.esc(title))
            .append("\"><path class=\"ward ")
            .append(band.cssClass())
            .append("\" data-band=\"")
            .append(band.apiName())
            .append("\" fill=\"")
            .append(RankingPage.BAND_COLOURS.get(band.ordinal()))
            .append("\" fill-rule=\"evenodd\" d=\"")
            .append(projection.path(shape))
            .append("\"><title>")
            .append(Html.esc(title))
            .append("</title></path></a>");
      }
      content.raw(
          "<figure class=\"ward-map\" data-testid=\"ward-map\"><svg viewBox=\"0 0 "
              + format(projection.width())
              + " "
              + format(projection.height())
              + "\" role=\"group\" aria-label=\""
              + Html.esc(lang.label(metric) + " · " + lang.month(month))
              + "\">"
              + paths
              + "</svg></figure>");
      content.raw(Bands.legend(page, metric, references, "map-legend"));
    }
    content.raw(check(page, boundaries, wards, shapes.size(), missing, unknown));
    return content;
  }

  private static boolean isWardOfToday(UnitScope unit, String code) {
    return unit.currentWards().contains(code) && unit.currentWards().size() == 1;
  }

  /** What the check of the file's codes against the ward list found, in words. */
  private static String check(
      PageContext page,
      WardBoundaries boundaries,
      Set<String> wards,
      int drawn,
      List<String> missing,
      List<String> unknown) {
    Lang lang = page.lang();
    StringBuilder out =
        new StringBuilder("<section class=\"map-check note\" data-testid=\"map-check\"><p>")
            .append(
                Html.esc(
                    String.format(
                        lang.t("map.drawn"),
                        lang.count(drawn),
                        lang.count(wards.size()),
                        boundaries.file().getFileName())))
            .append("</p>");
    if (!missing.isEmpty()) {
      List<String> named = new ArrayList<>();
      for (String code : missing) {
        named.add(code + " " + page.gold().unit(code).map(UnitScope::name).orElse(""));
      }
      out.append("<p data-testid=\"map-missing-wards\">")
          .append(Html.esc(lang.t("map.missing") + " " + String.join(", ", named).strip() + "."))
          .append("</p>");
    }
    if (!unknown.isEmpty()) {
      out.append("<p data-testid=\"map-unknown-codes\">")
          .append(
              Html.esc(
                  String.format(lang.t("map.unknown"), boundaries.file().getFileName())
                      + " "
                      + String.join(", ", unknown)
                      + "."))
          .append("</p>");
    }
    return out.append("</section>").toString();
  }

  private static void logOnce(
      PageContext page, WardBoundaries boundaries, List<String> missing, List<String> unknown) {
    if (missing.isEmpty() && unknown.isEmpty()) {
      return;
    }
    String key =
        boundaries.file() + "|" + page.unit().code() + "|" + page.gold().version().version();
    if (LOGGED.add(key)) {
      LOG.warn(
          "Ward boundaries {} against the wards of unit {}: {} ward(s) without a boundary {}, {}"
              + " code(s) that are no ward of today {} (docs/dashboard.md, \"Bản đồ xã/phường\")",
          boundaries.file(),
          page.unit().code(),
          missing.size(),
          missing,
          unknown.size(),
          unknown);
    }
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /**
   * Longitude and latitude to the drawing: equirectangular, longitudes shrunk by the cosine of the
   * middle latitude (accurate enough over a province), north up, fitted into {@link #WIDTH}.
   */
  private record Projection(
      double west, double north, double shrink, double scale, double width, double height) {
    static Projection fit(List<WardBoundaries.Shape> shapes) {
      double west = Double.MAX_VALUE;
      double east = -Double.MAX_VALUE;
      double south = Double.MAX_VALUE;
      double north = -Double.MAX_VALUE;
      for (WardBoundaries.Shape shape : shapes) {
        for (List<double[]> ring : shape.rings()) {
          for (double[] point : ring) {
            west = Math.min(west, point[0]);
            east = Math.max(east, point[0]);
            south = Math.min(south, point[1]);
            north = Math.max(north, point[1]);
          }
        }
      }
      double shrink = Math.cos(Math.toRadians((south + north) / 2));
      double across = Math.max(1e-9, (east - west) * shrink);
      double down = Math.max(1e-9, north - south);
      double scale = Math.min(WIDTH / across, MAX_HEIGHT / down);
      return new Projection(
          west, north, shrink, scale, across * scale + 2 * PADDING, down * scale + 2 * PADDING);
    }

    String path(WardBoundaries.Shape shape) {
      StringBuilder d = new StringBuilder();
      for (List<double[]> ring : shape.rings()) {
        double lastX = Double.NaN;
        double lastY = Double.NaN;
        for (int i = 0; i < ring.size(); i++) {
          double x = PADDING + (ring.get(i)[0] - west) * shrink * scale;
          double y = PADDING + (north - ring.get(i)[1]) * scale;
          boolean first = i == 0;
          if (!first && i < ring.size() - 1 && Math.hypot(x - lastX, y - lastY) < MIN_STEP) {
            continue;
          }
          d.append(first ? 'M' : 'L').append(format(x)).append(',').append(format(y));
          lastX = x;
          lastY = y;
        }
        d.append('Z');
      }
      return d.toString();
    }
  }
}
