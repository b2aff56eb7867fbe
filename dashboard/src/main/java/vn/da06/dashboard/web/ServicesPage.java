package vn.da06.dashboard.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.da06.dashboard.web.TableView.Cell;
import vn.da06.dashboard.web.TableView.Column;
import vn.da06.dashboard.web.TableView.Kind;
import vn.da06.goldread.ServiceInfo;
import vn.da06.goldread.ServiceMonthRow;
import vn.da06.warehouse.Band;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.Reference;

/**
 * Dịch vụ công: the essential services' dossiers of the month, each service's online share against
 * the unit's online reference, and the wards ranked by their essential online rate.
 */
final class ServicesPage {
  private ServicesPage() {}

  /** A service's dossiers of the month, summed over the unit's wards. */
  private static final class Dossiers {
    long total;
    long online;
    long resolved;
    long resolvedOnTime;

    void add(ServiceMonthRow row) {
      total += row.dossiersTotal();
      online += row.dossiersOnline();
      resolved += row.dossiersResolved();
      resolvedOnTime += row.dossiersResolvedOnTime();
    }
  }

  static PageContent build(PageContext page) {
    Lang lang = page.lang();
    PageState state = page.state();
    PageContent content = new PageContent(lang.t("nav.services") + " · " + page.unit().name());
    Map<String, Dossiers> byService = new HashMap<>();
    for (ServiceMonthRow row : page.gold().serviceMonths(page.unit(), state.month())) {
      byService.computeIfAbsent(row.serviceCode(), code -> new Dossiers()).add(row);
    }
    List<Column> columns =
        List.of(
            new Column("service_code", lang.t("ward.code"), Kind.TEXT),
            new Column("name_vi", lang.t("service"), Kind.TEXT),
            new Column("dossiers_total", lang.t("service.total"), Kind.COUNT),
            new Column("dossiers_online", lang.t("service.online"), Kind.COUNT),
            new Column("online_share", lang.t("service.share"), Kind.RATE),
            new Column("dossiers_resolved", lang.t("service.resolved"), Kind.COUNT),
            new Column("dossiers_resolved_on_time", lang.t("service.ontime"), Kind.COUNT));
    // A service's online share is judged as the unit's online rate is.
    Metric online = Metrics.require("online_rate");
    Bands bands = Bands.of(page);
    Optional<Reference> reference = bands.reference(online, page.unit().code(), state.month());
    List<List<Cell>> cells = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<Object> shares = new ArrayList<>();
    List<String> idle = new ArrayList<>();
    for (ServiceInfo service : page.gold().services()) {
      if (!service.essential()) {
        continue;
      }
      Dossiers sums = byService.getOrDefault(service.serviceCode(), new Dossiers());
      Double share = Metric.rate(sums.online, sums.total);
      Band band = bands.against(online, reference.orElse(null), share);
      cells.add(
          List.of(
              Cell.of(service.serviceCode(), service.serviceCode()),
              Cell.of(service.nameVi(), service.nameVi()),
              Cell.of(sums.total, lang.count(sums.total)),
              Cell.of(sums.online, lang.count(sums.online)),
              new Cell(share, lang.rate(share), null, band.cssClass()),
              Cell.of(sums.resolved, lang.count(sums.resolved)),
              Cell.of(sums.resolvedOnTime, lang.count(sums.resolvedOnTime))));
      if (sums.total == 0) {
        idle.add(service.serviceCode());
        continue; // no dossiers: no bar (an empty bar reads as 0 %)
      }
      labels.add(service.serviceCode() + " · " + service.nameVi());
      shares.add(bar(share, band));
    }
    content.heading(lang.t("services.essential") + " · " + lang.month(state.month()));
    content.add(
        Charts.horizontalBars(
            "services-chart",
            lang.t("service.share")
                + reference.map(r -> " — " + Bands.describe(lang, online, r)).orElse(""),
            labels,
            shares,
            Charts.Format.PERCENT,
            reference.map(r -> Math.round(r.value() * 1000) / 10.0).orElse(null),
            reference.map(r -> lang.rate(r.value())).orElse(null)));
    if (!idle.isEmpty()) {
      content.note(String.format(lang.t("services.idle"), String.join(", ", idle)));
    }
    content.add(new TableView("services", lang.t("services.essential"), columns, cells));
    content.raw(Bands.legend(page, online, reference.stream().toList(), "services-legend"));
    content.heading(lang.t("services.byward"));
    content.add(
        RankingPage.leagueTable(
            page.withState(state.with("metric", "essential_online_rate")),
            "wards",
            "essential_online_rate"));
    return content;
  }

  /** A bar in percent, in its band's colour where it has one. */
  private static Object bar(Double share, Band band) {
    if (share == null) {
      return null;
    }
    double percent = Math.round(share * 1000) / 10.0;
    return band == Band.NONE
        ? percent
        : Charts.map(
            "value",
            percent,
            "itemStyle",
            Charts.map("color", RankingPage.BAND_COLOURS.get(band.ordinal())));
  }
}
