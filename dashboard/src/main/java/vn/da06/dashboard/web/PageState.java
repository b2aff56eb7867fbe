package vn.da06.dashboard.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import vn.da06.goldread.WardView;
import vn.da06.warehouse.Metrics;

/**
 * Everything a page shows is chosen by its URL, so a link can be shared: unit, page, month, ward
 * view, metric, sort order and language.
 */
record PageState(
    String unit,
    String page,
    String month,
    WardView view,
    String metric,
    String sort,
    boolean ascending,
    Lang lang,
    String era) {
  /**
   * {@code era=pre2025}: the pre-reform ward of a 5-digit code the reform gave again to a different
   * ward.
   */
  static final String PRE_REFORM_ERA = "pre2025";

  PageState(
      String unit,
      String page,
      String month,
      WardView view,
      String metric,
      String sort,
      boolean ascending,
      Lang lang) {
    this(unit, page, month, view, metric, sort, ascending, lang, null);
  }

  /** The era parameter: null (today's ward when the code names one) or {@value #PRE_REFORM_ERA}. */
  static String validEra(String era) {
    if (era == null || era.isEmpty() || era.equals("current")) {
      return null;
    }
    if (!era.equals(PRE_REFORM_ERA)) {
      throw DashboardException.badRequest(
          "Cannot show era '"
              + era
              + "': use era="
              + PRE_REFORM_ERA
              + " for the ward of that code before July 2025, or leave it out for today's ward");
    }
    return era;
  }

  private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

  static String validMonth(String month) {
    if (month != null && !MONTH.matcher(month).matches()) {
      throw DashboardException.badRequest(
          "Cannot show month '" + month + "': write it yyyy-MM, e.g. 2025-07");
    }
    return month;
  }

  static String validMetric(String metric) {
    if (metric != null && Metrics.byColumn(metric).isEmpty()) {
      throw DashboardException.badRequest(
          "Cannot show metric '"
              + metric
              + "': it is not a gold metric column (see /api/v1/metrics)");
    }
    return metric;
  }

  PageState with(String key, String value) {
    return switch (key) {
      case "unit" -> new PageState(value, page, month, view, metric, sort, ascending, lang, null);
      case "page" -> new PageState(unit, value, month, view, metric, sort, ascending, lang, era);
      case "month" -> new PageState(unit, page, value, view, metric, sort, ascending, lang, era);
      case "wards" ->
          new PageState(
              unit, page, month, WardView.parse(value), metric, sort, ascending, lang, era);
      case "metric" -> new PageState(unit, page, month, view, value, sort, ascending, lang, era);
      case "lang" ->
          new PageState(unit, page, month, view, metric, sort, ascending, Lang.parse(value), era);
      case "era" ->
          new PageState(unit, page, month, view, metric, sort, ascending, lang, validEra(value));
      default -> throw new IllegalArgumentException("unknown state key " + key);
    };
  }

  PageState sortedBy(String newSort, boolean newAscending) {
    return new PageState(unit, page, month, view, metric, newSort, newAscending, lang, era);
  }

  /** The query string of this state (without the page and unit, which are in the path). */
  Map<String, String> parameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (month != null) {
      parameters.put("month", month);
    }
    // Today's wards are the default of a time view; the reported view is asked for by name.
    if (view == WardView.AS_REPORTED) {
      parameters.put("wards", view.parameter());
    }
    if (metric != null) {
      parameters.put("metric", metric);
    }
    if (sort != null) {
      parameters.put("sort", sort);
      parameters.put("dir", ascending ? "asc" : "desc");
    }
    if (lang == Lang.EN) {
      parameters.put("lang", "en");
    }
    if (era != null) {
      parameters.put("era", era);
    }
    return parameters;
  }

  String url() {
    return path() + query(parameters());
  }

  String path() {
    return "/units/" + unit + (page.equals("overview") ? "" : "/" + page);
  }

  String exportUrl(String table, String format) {
    Map<String, String> parameters = parameters();
    parameters.put("table", table);
    return "/units/" + unit + "/" + page + "/export/" + format + query(parameters);
  }

  static String query(Map<String, String> parameters) {
    if (parameters.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("?");
    parameters.forEach(
        (key, value) -> {
          if (out.length() > 1) {
            out.append('&');
          }
          out.append(key).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
    return out.toString();
  }
}
