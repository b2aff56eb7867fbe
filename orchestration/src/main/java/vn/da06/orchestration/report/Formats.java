package vn.da06.orchestration.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

/**
 * Vietnamese number and date formats (1.234; 45,6%), fixed symbols so output never depends on the
 * JVM's locale.
 */
public final class Formats {
  private static final DecimalFormatSymbols SYMBOLS = symbols();

  private Formats() {}

  public static String count(Long value) {
    return value == null ? "–" : new DecimalFormat("#,##0", SYMBOLS).format(value);
  }

  public static String percent(Double fraction) {
    return fraction == null ? "–" : new DecimalFormat("0.0", SYMBOLS).format(fraction * 100) + "%";
  }

  public static String number(Double value) {
    return value == null ? "–" : new DecimalFormat("#,##0.##", SYMBOLS).format(value);
  }

  /** A metric with no figure: a month whose exports lack its column, or without a snapshot. */
  public static final String NO_DATA = "chưa có số liệu";

  public static String cell(Object value, ReportDocument.ColumnType type) {
    if (value == null) {
      return type == ReportDocument.ColumnType.METRIC ? NO_DATA : "–";
    }
    return switch (type) {
      case TEXT -> value.toString();
      case COUNT -> count(((Number) value).longValue());
      case RATE -> percent(((Number) value).doubleValue());
      case NUMBER -> number(((Number) value).doubleValue());
      case METRIC ->
          value instanceof Double rate ? percent(rate) : count(((Number) value).longValue());
    };
  }

  /** "tháng 10/2026". */
  public static String month(YearMonth month) {
    return String.format(Locale.ROOT, "tháng %02d/%d", month.getMonthValue(), month.getYear());
  }

  /** "ngày 05 tháng 11 năm 2026". */
  public static String longDate(LocalDate date) {
    return String.format(
        Locale.ROOT,
        "ngày %02d tháng %02d năm %d",
        date.getDayOfMonth(),
        date.getMonthValue(),
        date.getYear());
  }

  /** "20/11/2026". */
  public static String shortDate(LocalDate date) {
    return String.format(
        Locale.ROOT, "%02d/%02d/%d", date.getDayOfMonth(), date.getMonthValue(), date.getYear());
  }

  private static DecimalFormatSymbols symbols() {
    DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
    symbols.setGroupingSeparator('.');
    symbols.setDecimalSeparator(',');
    return symbols;
  }
}
