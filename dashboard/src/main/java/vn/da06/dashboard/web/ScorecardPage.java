package vn.da06.dashboard.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import vn.da06.dashboard.web.TableView.Cell;
import vn.da06.dashboard.web.TableView.Column;
import vn.da06.dashboard.web.TableView.Kind;
import vn.da06.goldread.Scorecard;
import vn.da06.goldread.UnitScope;
import vn.da06.warehouse.Band;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Reference;
import vn.da06.warehouse.access.UnitLevel;

/**
 * Bảng điểm: the province's wards × the headline indicators ({@link Scorecard}), each cell coloured
 * by its band and titled with the target or goal (and deadline) it is judged against, every cell a
 * link to its ward; the composite rank and its movement since last month; sortable by any column;
 * exported as CSV/XLSX and printed on one A4 page. A ward's page says where the ward stands among
 * the province's wards, with the province's figure beside each of its own ({@link Standings}).
 */
final class ScorecardPage {
  static final String TABLE = "scorecard";

  private ScorecardPage() {}

  static PageContent build(PageContext page) {
    Lang lang = page.lang();
    PageState state = page.state();
    Scorecard card = Standings.scorecard(page);
    PageContent content = new PageContent(lang.t("nav.scorecard") + " · " + page.unit().name());
    if (page.unit().level() == UnitLevel.WARD) {
      card.ward(page.unit().code()).ifPresent(line -> content.raw(standing(page, card, line)));
    }
    content.heading(
        lang.t("scorecard")
            + " · "
            + lang.month(state.month())
            + (card.monthBefore() == null
                ? ""
                : " ("
                    + String.format(lang.t("scorecard.vs"), lang.month(card.monthBefore()))
                    + ")"));
    TableView table = table(page, card);
    content.add(table);
    content.raw(legends(page, card, Standings.listed(page)));
    content.note(
        card.monthBefore() == null
            ? lang.t("scorecard.nobefore")
            : String.format(lang.t("scorecard.explain"), lang.month(card.monthBefore())));
    if (!page.steering().weights().isEmpty()) {
      StringBuilder weights = new StringBuilder(lang.t("scorecard.weights")).append(": ");
      for (Metric metric : card.metrics()) {
        weights
            .append(lang.label(metric))
            .append(" ×")
            .append(lang.decimal(page.steering().weight(metric)))
            .append("; ");
      }
      content.note(weights.substring(0, weights.length() - 2));
    }
    return content;
  }

  /**
   * A ward's standing: its overall rank among the province's wards and, per indicator, its figure
   * (in its band), its rank and the province's figure beside it.
   */
  static String standing(PageContext page, Scorecard card, Scorecard.Line line) {
    Lang lang = page.lang();
    StringBuilder out =
        new StringBuilder("<section class=\"standing\" data-testid=\"standing\"><h2>")
            .append(Html.esc(lang.t("standing")))
            .append("</h2><p class=\"standing-rank\" data-rank=\"")
            .append(line.rank() == null ? "" : line.rank())
            .append("\" data-ranked=\"")
            .append(card.ranked())
            .append("\">")
            .append(Html.esc(lang.t("scorecard.rank")))
            .append(": <strong>")
            .append(
                Html.esc(
                    String.format(
                        lang.t("standing.rank"),
                        line.rank() == null ? "–" : lang.count(line.rank()),
                        lang.count(card.ranked()))))
            .append("</strong> <span class=\"")
            .append(Standings.movementClass(line.rankChange()))
            .append("\">")
            .append(Html.esc(Standings.movement(line.rankChange())))
            .append("</span> · ")
            .append(Html.esc(lang.t("scorecard.composite")))
            .append(" ")
            .append(Html.esc(lang.rate(line.composite())))
            .append("</p><div class=\"standing-cards\">");
    for (Scorecard.Cell cell : line.cells()) {
      Metric metric = cell.metric();
      Scorecard.Cell province = card.province().cell(metric);
      out.append("<div class=\"standing-card ")
          .append(cell.band().cssClass())
          .append("\" data-metric=\"")
          .append(Html.esc(metric.column()))
          .append("\" data-band=\"")
          .append(cell.band().apiName())
          .append("\" data-rank=\"")
          .append(cell.rank() == null ? "" : cell.rank())
          .append("\" title=\"")
          .append(Html.esc(title(lang, metric, cell)))
          .append("\"><div class=\"label\">")
          .append(Html.esc(lang.label(metric)))
          .append("</div><div class=\"value\">")
          .append(Html.esc(lang.value(metric, cell.value())))
          .append("</div><div class=\"rank\">")
          .append(
              Html.esc(
                  String.format(
                      lang.t("standing.rank"),
                      cell.rank() == null ? "–" : lang.count(cell.rank()),
                      lang.count(card.ranked()))))
          .append(" · ")
          .append(Html.esc(cell.band().label(lang == Lang.VI)))
          .append("</div><div class=\"province\">")
          .append(
              Html.esc(
                  String.format(lang.t("standing.province"), lang.value(metric, province.value()))))
          .append("</div></div>");
    }
    out.append("</div>");
    if (!Standings.wholeProvince(page.unit(), Standings.province(page), page.steering())) {
      out.append("<p class=\"note\">").append(Html.esc(lang.t("standing.private"))).append("</p>");
    }
    return out.append("</section>").toString();
  }

  /** What a coloured cell is judged by: "Đạt · chỉ tiêu của tỉnh 80,0 %, hạn 31/12/2026". */
  static String title(Lang lang, Metric metric, Scorecard.Cell cell) {
    return cell.band().label(lang == Lang.VI)
        + (cell.reference() == null ? "" : " · " + Bands.describe(lang, metric, cell.reference()));
  }

  static TableView table(PageContext page, Scorecard card) {
    Lang lang = page.lang();
    PageState state = page.state();
    UnitScope province = Standings.province(page);
    Predicate<String> listed = Standings.listed(page);
    List<Scorecard.Line> lines =
        new ArrayList<>(
            card.wards().stream().filter(line -> listed.test(line.unitCode())).toList());
    lines.sort(order(state, card));
    boolean subset = lines.size() < card.wards().size();
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("ward_name", lang.t("ward"), Kind.TEXT, "name"));
    columns.add(new Column("rank", lang.t("scorecard.rank"), Kind.COUNT, "value"));
    columns.add(new Column("rank_change", lang.t("scorecard.move"), Kind.TEXT, "rank_change"));
    columns.add(new Column("composite", lang.t("scorecard.composite"), Kind.RATE, "composite"));
    for (Metric metric : card.metrics()) {
      columns.add(
          new Column(
              metric.column(),
              lang.label(metric),
              metric.isRate() ? Kind.RATE : Kind.COUNT,
              metric.column()));
    }
    columns.add(new Column("ward_code", lang.t("ward.code"), Kind.TEXT, "code"));
    List<List<Cell>> rows = new ArrayList<>();
    rows.add(
        row(
            page,
            card.province(),
            lang.t("scorecard.province") + " " + province.name(),
            page.mine().covers(province) ? province.code() : null,
            null,
            card));
    for (Scorecard.Line line : lines) {
      String rank =
          line.rank() == null
              ? "–"
              : subset
                  ? lang.count(line.rank()) + " / " + lang.count(card.ranked())
                  : lang.count(line.rank());
      rows.add(
          row(
              page,
              line,
              line.unitName(),
              Standings.canOpen(page.gold(), page.mine(), line.unitCode()) ? line.unitCode() : null,
              rank,
              card));
    }
    return new TableView(
        TABLE, lang.t("scorecard") + " · " + lang.month(state.month()), columns, rows);
  }

  private static List<Cell> row(
      PageContext page,
      Scorecard.Line line,
      String name,
      String linkTo,
      String rankText,
      Scorecard card) {
    Lang lang = page.lang();
    PageState state = page.state();
    boolean own = line.unitCode().equals(page.unit().code());
    Function<String, String> href =
        metric ->
            linkTo == null
                ? null
                : state
                    .with("unit", linkTo)
                    .with("page", "overview")
                    .with("metric", metric)
                    .with("era", null)
                    .sortedBy(null, false)
                    .url();
    List<Cell> cells = new ArrayList<>();
    cells.add(new Cell(name, name, href.apply(null), own ? "own" : null));
    cells.add(
        rankText == null
            ? Cell.of(null, "")
            : Cell.of(line.rank() == null ? null : (long) line.rank(), rankText));
    Integer change = line.rankChange();
    cells.add(
        new Cell(
            change,
            rankText == null ? "" : Standings.movement(change),
            null,
            rankText == null ? null : Standings.movementClass(change),
            rankText != null && change == null && card.monthBefore() != null
                ? lang.t("scorecard.move.none")
                : null));
    long judged =
        line.cells().stream()
            .filter(cell -> cell.attainment() != null && page.steering().weight(cell.metric()) > 0)
            .count();
    cells.add(
        new Cell(
            line.composite(),
            lang.rate(line.composite()),
            null,
            null,
            String.format(lang.t("scorecard.composite.title"), judged)));
    for (Scorecard.Cell cell : line.cells()) {
      Metric metric = cell.metric();
      // A ward's figure that gold.anomalies flags reads "⚠ 54,1 %", its reason in the cell's title.
      java.util.Optional<String> flagged =
          line.unitCode().length() == 5
              ? AnomalyMarks.reasons(page, line.unitCode(), state.month(), metric.column())
              : java.util.Optional.empty();
      cells.add(
          new Cell(
              cell.value(),
              (flagged.isPresent() ? "⚠ " : "") + lang.value(metric, cell.value()),
              href.apply(metric.column()),
              cell.band().cssClass(),
              title(lang, metric, cell) + flagged.map(reasons -> "\n⚠ " + reasons).orElse("")));
    }
    cells.add(Cell.of(line.unitCode(), line.unitCode()));
    return cells;
  }

  /** The order the URL asks for; by default (and for sort=value) the composite rank, best first. */
  private static Comparator<Scorecard.Line> order(PageState state, Scorecard card) {
    String sort = state.sort() == null ? "value" : state.sort();
    boolean ascending = state.sort() == null || state.ascending();
    Comparator<Scorecard.Line> order =
        switch (sort) {
          case "name" -> Comparator.comparing(Scorecard.Line::unitName, nullsLast(true));
          case "code" -> Comparator.comparing(Scorecard.Line::unitCode, nullsLast(true));
          case "composite" -> Comparator.comparing(Scorecard.Line::composite, nullsLast(ascending));
          case "rank_change" ->
              Comparator.comparing(Scorecard.Line::rankChange, nullsLast(ascending));
          case "value", "rank" ->
              // Best first by default: rank ascending; ?dir=asc on "value" lists the worst first.
              Comparator.comparing(
                  Scorecard.Line::rank, nullsLast(state.sort() == null || !state.ascending()));
          default -> {
            Metric metric =
                card.metrics().stream()
                    .filter(m -> m.column().equals(sort))
                    .findFirst()
                    .orElse(null);
            yield metric == null
                ? Comparator.comparing(Scorecard.Line::rank, nullsLast(true))
                : Comparator.comparing(
                    (Scorecard.Line line) -> line.cell(metric).value(), nullsLast(ascending));
          }
        };
    boolean textual = sort.equals("name") || sort.equals("code");
    if (textual && !ascending) {
      order = order.reversed();
    }
    return order.thenComparing(Scorecard.Line::unitCode);
  }

  /** Natural order (or reversed), missing values always last. */
  private static <T extends Comparable<? super T>> Comparator<T> nullsLast(boolean ascending) {
    return Comparator.nullsLast(
        ascending ? Comparator.<T>naturalOrder() : Comparator.<T>reverseOrder());
  }

  /** One legend per indicator naming its thresholds, for the references the listed cells use. */
  private static String legends(PageContext page, Scorecard card, Predicate<String> listed) {
    StringBuilder out = new StringBuilder("<div class=\"scorecard-legends\">");
    Map<Integer, Set<Reference>> byColumn = new TreeMap<>();
    List<Scorecard.Line> lines = new ArrayList<>();
    lines.add(card.province());
    card.wards().stream().filter(line -> listed.test(line.unitCode())).forEach(lines::add);
    for (Scorecard.Line line : lines) {
      for (int i = 0; i < line.cells().size(); i++) {
        Scorecard.Cell cell = line.cells().get(i);
        if (cell.reference() != null && cell.band() != Band.NONE) {
          byColumn.computeIfAbsent(i, key -> new LinkedHashSet<>()).add(cell.reference());
        }
      }
    }
    for (int i = 0; i < card.metrics().size(); i++) {
      Metric metric = card.metrics().get(i);
      out.append(
          Bands.legend(
              page,
              metric,
              byColumn.getOrDefault(i, Set.of()),
              "scorecard-legend-" + metric.column()));
    }
    return out.append("</div>").toString();
  }
}
