package vn.da06.dashboard.web;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import vn.da06.warehouse.Metric;

/** The language of a page and how it writes numbers: 38.451 and 84,2 % in Vietnamese. */
public enum Lang {
  VI("vi", '.', ','),
  EN("en", ',', '.');

  public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final DateTimeFormatter TIME_DATE =
      DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

  private final String code;
  private final char grouping;
  private final char decimal;

  Lang(String code, char grouping, char decimal) {
    this.code = code;
    this.grouping = grouping;
    this.decimal = decimal;
  }

  public String code() {
    return code;
  }

  public static Lang parse(String value) {
    return "en".equals(value) ? EN : VI;
  }

  private DecimalFormat format(String pattern) {
    DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
    symbols.setGroupingSeparator(grouping);
    symbols.setDecimalSeparator(decimal);
    symbols.setMinusSign('-');
    return new DecimalFormat(pattern, symbols);
  }

  public String count(Number value) {
    return value == null ? "–" : format("#,##0").format(value.longValue());
  }

  public String decimal(Number value) {
    return value == null ? "–" : format("#,##0.#").format(value.doubleValue());
  }

  /** A rate between 0 and 1 as a percentage with one decimal: {@code 84,2 %}. */
  public String rate(Number value) {
    return value == null ? "–" : format("#,##0.0").format(value.doubleValue() * 100) + " %";
  }

  /**
   * A metric's value as a person reads it; "chưa có số liệu" ("no data") where gold has none (a
   * month whose exports lack the column, a month without a population snapshot), never "0 %".
   */
  public String value(Metric metric, Object value) {
    if (value == null) {
      return t("value.none");
    }
    return metric.isRate() ? rate((Number) value) : count((Number) value);
  }

  public String date(LocalDate date) {
    return date == null ? "–" : DATE.format(date);
  }

  public String timeAndDate(Instant instant) {
    return instant == null ? "–" : TIME_DATE.format(instant.atZone(ZONE));
  }

  /** {@code 2025-07} as {@code 07/2025}. */
  public String month(String month) {
    return month == null ? "–" : month.substring(5) + "/" + month.substring(0, 4);
  }

  public String label(Metric metric) {
    return this == VI ? metric.labelVi() : metric.labelEn();
  }

  public String t(String key) {
    return Messages.text(this, key);
  }
}
