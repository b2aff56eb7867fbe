package vn.da06.warehouse;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

/**
 * The sentence a chair reads for each row of {@code gold.anomalies} ({@code reason_vi}, {@code
 * reason_en}), with the figures in the reader's number format: "Kích hoạt mức 2 tháng 10/2026:
 * 1.240, gấp 9 lần trung vị 12 tháng (138)".
 */
public final class AnomalyReasons {

  private AnomalyReasons() {}

  /**
   * What a method found, before it is written: the row of {@code gold.anomalies} but the reasons
   * and the detection time.
   *
   * @param reference what the value is judged against: the history median ({@code ward_history},
   *     {@code peer}, {@code drop_to_zero}), the figure before ({@code population_shift}, {@code
   *     cumulative_decrease}), the system's count ({@code daily_mismatch})
   * @param reference2 {@code peer}: the province's typical growth (value+1)/(median+1); {@code
   *     daily_mismatch}: the days of the month beyond the tolerance; else null
   * @param detail {@code daily_mismatch}: which figure differs ({@code l2_applications} or {@code
   *     l2_activations}); else null
   * @param historyMonths the length of the history window, for the sentence
   */
  public record Finding(
      String unitCode,
      String period,
      String periodType,
      String metric,
      String method,
      double value,
      Double expectedLow,
      Double expectedHigh,
      Double score,
      Double reference,
      Double reference2,
      String detail,
      int historyMonths) {}

  /** The Vietnamese sentence. */
  public static String vi(Finding f) {
    return reason(f, true);
  }

  /** The English sentence. */
  public static String en(Finding f) {
    return reason(f, false);
  }

  private static String reason(Finding f, boolean vi) {
    String when = period(f.period(), vi);
    String label = label(f.metric(), vi);
    String value = count(f.value(), vi);
    double ref = f.reference() == null ? 0 : f.reference();
    String refText = count(ref, vi);
    int h = f.historyMonths();
    return switch (f.method()) {
      case AnomalyRules.WARD_HISTORY, AnomalyRules.PEER -> {
        String comparison = comparison(f.value(), ref, h, vi);
        String head = label + (vi ? " tháng " : " in ") + when + ": " + value + ", " + comparison;
        if (f.method().equals(AnomalyRules.PEER)) {
          String typical = times(f.reference2() == null ? 1 : f.reference2(), vi);
          yield head
              + (vi
                  ? "; các phường cùng tỉnh thường chỉ " + typical
                  : "; the province's other wards moved " + typical);
        }
        yield head;
      }
      case AnomalyRules.DROP_TO_ZERO ->
          vi
              ? label
                  + " tháng "
                  + when
                  + ": 0, sau "
                  + h
                  + " tháng liền đều có số liệu (trung vị "
                  + refText
                  + ")"
              : label
                  + " in "
                  + when
                  + ": 0, after "
                  + h
                  + " months of steady activity (median "
                  + refText
                  + ")";
      case AnomalyRules.CUMULATIVE_DECREASE ->
          vi
              ? label + " tháng " + when + ": " + value + ", thấp hơn tháng trước (" + refText + ")"
              : label
                  + " in "
                  + when
                  + ": "
                  + value
                  + ", lower than the month before ("
                  + refText
                  + ")";
      case AnomalyRules.POPULATION_SHIFT -> {
        double share = ref == 0 ? 0 : (f.value() - ref) / ref;
        String pct = percent(Math.abs(share), vi);
        yield vi
            ? label
                + " tháng "
                + when
                + ": "
                + value
                + ", "
                + (share < 0 ? "giảm " : "tăng ")
                + pct
                + " so với kỳ dân số trước ("
                + refText
                + ")"
            : label
                + " in "
                + when
                + ": "
                + value
                + ", "
                + (share < 0 ? "down " : "up ")
                + pct
                + " from the snapshot before ("
                + refText
                + ")";
      }
      case AnomalyRules.DAILY_MISMATCH -> {
        boolean activations = "l2_activations".equals(f.detail());
        String what =
            vi
                ? (activations ? "kích hoạt mức 2" : "hồ sơ mức 2")
                : (activations ? "level-2 activations" : "level-2 applications");
        int days = f.reference2() == null ? 0 : f.reference2().intValue();
        String month = period(f.period().substring(0, 7), vi);
        yield vi
            ? "Báo cáo ngày "
                + when
                + ": báo "
                + value
                + " "
                + what
                + ", hệ thống ghi "
                + refText
                + "; tháng "
                + month
                + " có "
                + days
                + " ngày lệch quá ngưỡng"
            : "Daily report of "
                + when
                + ": "
                + value
                + " "
                + what
                + " reported, "
                + refText
                + " in the system; "
                + days
                + " days beyond the tolerance in "
                + month;
      }
      default -> label + " " + when + ": " + value;
    };
  }

  /** "gấp 9 lần trung vị 12 tháng (138)" or "chỉ bằng 9 % trung vị 12 tháng (138)". */
  private static String comparison(double value, double median, int months, boolean vi) {
    String ref = count(median, vi);
    String of =
        vi ? "trung vị " + months + " tháng (" + ref + ")" : months + "-month median (" + ref + ")";
    if (median <= 0) {
      return vi ? "trong khi " + of.replace("(", "là ").replace(")", "") : "against a " + of;
    }
    double ratio = value / median;
    if (ratio >= 1) {
      return vi ? "gấp " + number(ratio) + " lần " + of : number(ratio) + " times the " + of;
    }
    return vi
        ? "chỉ bằng " + percent(ratio, true) + " " + of
        : "only " + percent(ratio, false) + " of the " + of;
  }

  private static String times(double ratio, boolean vi) {
    String r = vi ? number(ratio) : number(ratio).replace(',', '.');
    return vi ? "gấp " + r + " lần trung vị của mình" : r + " times their median";
  }

  /** A ratio: whole above 10, one decimal below ("2,5"). */
  private static String number(double ratio) {
    DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
    symbols.setGroupingSeparator('.');
    symbols.setDecimalSeparator(',');
    return new DecimalFormat(ratio >= 10 ? "#,##0" : "0.#", symbols).format(ratio);
  }

  private static String percent(double share, boolean vi) {
    DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
    symbols.setDecimalSeparator(vi ? ',' : '.');
    symbols.setGroupingSeparator(vi ? '.' : ',');
    return new DecimalFormat(share >= 0.1 ? "#,##0" : "0.#", symbols).format(share * 100) + " %";
  }

  private static String count(double value, boolean vi) {
    return Metric.formatCount(Math.round(value), vi);
  }

  private static String label(String metric, boolean vi) {
    return Metrics.byColumn(metric).map(m -> m.label(vi)).orElse(metric);
  }

  /** "10/2026" for a month, "12/10/2026" for a day. */
  public static String period(String period, boolean vi) {
    if (period.length() == 7) {
      YearMonth month = YearMonth.parse(period);
      return String.format(Locale.ROOT, "%02d/%d", month.getMonthValue(), month.getYear());
    }
    LocalDate day = LocalDate.parse(period);
    return String.format(
        Locale.ROOT, "%02d/%02d/%d", day.getDayOfMonth(), day.getMonthValue(), day.getYear());
  }
}
