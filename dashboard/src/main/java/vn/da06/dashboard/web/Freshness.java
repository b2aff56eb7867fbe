package vn.da06.dashboard.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import vn.da06.goldread.DataVersion;

/**
 * What the figures of a page cover and how fresh they are, in words: "Số liệu đến 31/10/2026, cập
 * nhật 07:05 08/11/2026", and a warning when the latest month is older than the feeds' cadence.
 *
 * <p>The rule of cadence (docs/dashboard.md, "Số liệu đến ngày nào"): the monthly feeds are closed
 * on the 1st ({@code monthly-close}) and the committees' reports are due from the 8th, so from the
 * {@value #MONTH_DUE_DAY}th of a month on, gold must hold last month; before the 8th, the month
 * before last is still on time. The data end is the last day of the latest month, or the day gold
 * was updated where that is earlier (a month still in progress).
 */
final class Freshness {
  /** From this day of a month on, last month's figures are due. */
  static final int MONTH_DUE_DAY = 8;

  private Freshness() {}

  /** The latest month of data of the page's ward view, if gold holds any. */
  static Optional<String> latestMonth(PageContext page) {
    List<String> months = page.gold().months(page.state().view());
    return months.isEmpty() ? Optional.empty() : Optional.of(months.get(months.size() - 1));
  }

  /**
   * The last day the data covers: the latest month's last day, or the day gold was updated if
   * earlier.
   */
  static Optional<LocalDate> dataEnd(PageContext page) {
    return latestMonth(page).map(month -> dataEnd(month, page.gold().version()));
  }

  static LocalDate dataEnd(String month, DataVersion version) {
    LocalDate end = YearMonth.parse(month).atEndOfMonth();
    if (version != null) {
      LocalDate updated = version.updatedAt().atZone(PageContext.VIETNAM).toLocalDate();
      if (updated.isBefore(end)) {
        return updated;
      }
    }
    return end;
  }

  /** The latest month the feeds' cadence expects on {@code today}. */
  static YearMonth expectedMonth(LocalDate today) {
    YearMonth now = YearMonth.from(today);
    return today.getDayOfMonth() >= MONTH_DUE_DAY ? now.minusMonths(1) : now.minusMonths(2);
  }

  /** Whether {@code latestMonth} is older than the cadence expects on {@code today}. */
  static boolean stale(String latestMonth, LocalDate today) {
    return YearMonth.parse(latestMonth).isBefore(expectedMonth(today));
  }

  static boolean stale(PageContext page) {
    return latestMonth(page).map(month -> stale(month, page.today())).orElse(false);
  }

  /** "Số liệu đến 31/10/2026, cập nhật 07:05 08/11/2026" (no warning). */
  static String text(PageContext page) {
    Lang lang = page.lang();
    Optional<LocalDate> end = dataEnd(page);
    if (end.isEmpty()) {
      return lang.t("fresh.none");
    }
    return String.format(
        lang.t("fresh.line"),
        lang.date(end.get()),
        lang.timeAndDate(page.gold().version().updatedAt()));
  }

  /** The warning where the data is older than its cadence, else null. */
  static String warning(PageContext page) {
    Optional<String> month = latestMonth(page);
    if (month.isEmpty() || !stale(month.get(), page.today())) {
      return null;
    }
    Lang lang = page.lang();
    YearMonth expected = expectedMonth(page.today());
    return String.format(
        lang.t("fresh.stale"),
        lang.month(expected.toString()),
        lang.date(expected.plusMonths(1).atDay(MONTH_DUE_DAY)));
  }

  /** The line under a page's title: what the data covers, with the warning where it is stale. */
  static String line(PageContext page) {
    String warning = warning(page);
    StringBuilder out =
        new StringBuilder("<p class=\"freshness")
            .append(warning == null ? "" : " stale")
            .append("\" data-testid=\"freshness\">")
            .append(Html.esc(text(page)));
    if (warning != null) {
      out.append(" <strong class=\"stale-warning\" data-testid=\"stale\">")
          .append(Html.esc(warning))
          .append("</strong>");
    }
    return out.append("</p>").toString();
  }
}
