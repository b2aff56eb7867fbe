package vn.da06.jobs.generate;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import vn.da06.warehouse.admin.AdminUnits;
import vn.da06.warehouse.admin.CrosswalkLink;
import vn.da06.warehouse.admin.Era;
import vn.da06.warehouse.admin.Ward;

/**
 * Six pre-reform communes of province 20 in two districts becoming three current wards, plus one
 * commune of another province. Old 06007 is split: its primary link goes to 06001, while the
 * current ward 06007 (which reuses its code) receives old 06004.
 */
public final class FakeAdminUnits implements AdminUnits {

  public static final FakeAdminUnits INSTANCE = new FakeAdminUnits();

  private static final List<Ward> PRE =
      List.of(
          pre("06001", "Phường Hoàng Văn Thụ", "178", "Thành phố Lạng Sơn"),
          pre("06004", "Phường Tam Thanh", "178", "Thành phố Lạng Sơn"),
          pre("06007", "Phường Chi Lăng", "178", "Thành phố Lạng Sơn"),
          pre("06010", "Xã Quốc Khánh", "180", "Huyện Tràng Định"),
          pre("06013", "Xã Đội Cấn", "180", "Huyện Tràng Định"),
          pre("06016", "Thị trấn Thất Khê", "180", "Huyện Tràng Định"),
          new Ward(
              "07001",
              "Xã Bản Khác",
              "Xã",
              "190",
              "Huyện Khác",
              "22",
              "Tỉnh Khác",
              Era.PRE_REFORM));

  private static final List<Ward> POST =
      List.of(
          post("06001", "Phường Lương Văn Tri", "20"),
          post("06007", "Phường Tam Thanh", "20"),
          post("06010", "Xã Thất Khê", "20"),
          post("07001", "Xã Bản Khác", "22"));

  private static final List<CrosswalkLink> CROSSWALK =
      List.of(
          new CrosswalkLink("06001", "06001", true, "full"),
          new CrosswalkLink("06004", "06007", true, "full"),
          new CrosswalkLink("06007", "06001", true, "part"),
          new CrosswalkLink("06007", "06007", false, "part"),
          new CrosswalkLink("06010", "06010", true, "full"),
          new CrosswalkLink("06013", "06010", true, "full"),
          new CrosswalkLink("06016", "06010", true, "full"),
          new CrosswalkLink("07001", "07001", true, "full"));

  private static Ward pre(String code, String name, String district, String districtName) {
    return new Ward(
        code,
        name,
        name.substring(0, name.indexOf(' ') == 2 ? 2 : name.indexOf(' ')),
        district,
        districtName,
        "20",
        "Tỉnh Lạng Sơn",
        Era.PRE_REFORM);
  }

  private static Ward post(String code, String name, String province) {
    return new Ward(
        code,
        name,
        name.startsWith("Xã") ? "Xã" : "Phường",
        null,
        null,
        province,
        province.equals("20") ? "Tỉnh Lạng Sơn" : "Tỉnh Khác",
        Era.POST_REFORM);
  }

  @Override
  public String source() {
    return "test:fake";
  }

  @Override
  public List<Ward> wards(Era era) {
    return era == Era.PRE_REFORM ? PRE : POST;
  }

  @Override
  public Optional<Ward> ward(String code, LocalDate date) {
    return ward(code, Era.on(date));
  }

  @Override
  public Optional<Ward> ward(String code, Era era) {
    return wards(era).stream().filter(ward -> ward.code().equals(code)).findFirst();
  }

  @Override
  public List<CrosswalkLink> crosswalk() {
    return CROSSWALK;
  }

  @Override
  public Optional<String> primaryCurrentWard(String oldWardCode) {
    return CROSSWALK.stream()
        .filter(link -> link.primary() && link.oldWardCode().equals(oldWardCode))
        .map(CrosswalkLink::newWardCode)
        .findFirst();
  }

  @Override
  public List<Ward> wardsOfCurrentProvince(String provinceCode, Era era) {
    List<Ward> current =
        POST.stream().filter(ward -> ward.provinceCode().equals(provinceCode)).toList();
    if (era == Era.POST_REFORM) {
      return current;
    }
    return PRE.stream()
        .filter(
            ward ->
                primaryCurrentWard(ward.code())
                    .map(primary -> current.stream().anyMatch(c -> c.code().equals(primary)))
                    .orElse(false))
        .toList();
  }
}
