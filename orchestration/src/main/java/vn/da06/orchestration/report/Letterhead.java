package vn.da06.orchestration.report;

import java.util.List;
import java.util.Map;

/**
 * What a report takes from the configuration, resolved when it is first made and recorded with it,
 * so that regenerating it later gives the same bytes even if config/reports.yaml changed since.
 */
public record Letterhead(
    String parent,
    String body,
    String abbreviation,
    String signerCapacity,
    String signerTitle,
    String signerName,
    String addressee,
    String place,
    List<String> distribution,
    Map<String, Double> thresholds) {

  public Letterhead {
    distribution = List.copyOf(distribution);
    thresholds = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(thresholds));
  }

  static Letterhead resolve(ReportsConfig config, String unitCode, String unitName) {
    ReportsConfig.Issuer issuer = config.issuer(unitCode);
    ReportsConfig.Unit unit = config.unit(unitCode).orElse(null);
    String upper = unitName.toUpperCase(java.util.Locale.forLanguageTag("vi"));
    String addressee =
        unit != null && unit.addressee().isPresent() ? unit.addressee().get() : issuer.addressee();
    List<String> distribution = new java.util.ArrayList<>();
    distribution.add("Như trên");
    distribution.add(
        unitCode.length() == 5 ? "Ban Chỉ đạo Đề án 06 tỉnh" : "Thành viên Ban Chỉ đạo Đề án 06");
    distribution.add("Lưu: VT");
    return new Letterhead(
        issuer.parent() == null ? null : issuer.parent().replace("{ward}", upper),
        issuer.body().replace("{ward}", upper),
        issuer.abbreviation(),
        issuer.signerCapacity(),
        issuer.signerTitle(),
        issuer.signerName(),
        addressee == null ? "Ban Chỉ đạo Đề án 06" : addressee,
        config.place(),
        distribution,
        config.thresholds());
  }
}
