package vn.da06.warehouse.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's GSO list in a small hand-written inbox folder: what loads, and what it says when it
 * cannot.
 */
class GsoCsvSourceTest {

  private static final String UNITS_2024 =
      """
      province_code,province_name,district_code,district_name,ward_code,ward_name,ward_type
      01,Thành phố Hà Nội,001,Quận Ba Đình,00001,Phường Phúc Xá,Phường
      01,Thành phố Hà Nội,001,Quận Ba Đình,00004,Phường Trúc Bạch,Phường
      01,Thành phố Hà Nội,001,Quận Ba Đình,00006,Phường Vĩnh Phúc,Phường
      """;
  private static final String UNITS_2025 =
      """
      province_code,province_name,ward_code,ward_name,ward_type
      01,Thành phố Hà Nội,00004,Phường Ba Đình,Phường
      01,Thành phố Hà Nội,00008,Phường Ngọc Hà,Phường
      """;
  private static final String LINKS =
      """
      old_ward_code,new_ward_code,n_targets,share,is_primary,primary_rule,primary_confidence
      00001,00004,1,full,1,single,high
      00004,00004,1,full,1,single,high
      00006,00004,2,part,0,tie-lowest-code,low
      00006,00008,2,remainder,1,tie-lowest-code,low
      """;

  @TempDir Path inbox;
  private Path dir;

  @BeforeEach
  void writeValidFolder() throws IOException {
    dir = inbox.resolve("admin_units");
    Files.createDirectories(dir);
    write("units-2024.csv", UNITS_2024);
    write("units-2025.csv", UNITS_2025);
    write("crosswalk-2025-links.csv", LINKS);
  }

  @Test
  void loadsTheOperatorListWithItsSplitLinks() {
    AdminUnits units = AdminUnitsLoader.load(dir);

    assertThat(units.source()).isEqualTo("gso:" + dir.toAbsolutePath());
    assertThat(units.wards(Era.PRE_REFORM))
        .extracting(Ward::code)
        .containsExactly("00001", "00004", "00006");
    assertThat(units.crosswalk())
        .containsExactly(
            new CrosswalkLink("00001", "00004", true, "full"),
            new CrosswalkLink("00004", "00004", true, "full"),
            new CrosswalkLink("00006", "00004", false, "part"),
            new CrosswalkLink("00006", "00008", true, "remainder"));
    assertThat(units.primaryCurrentWard("00006")).contains("00008");
    assertThat(units.ward("00004", LocalDate.of(2025, 6, 30)).orElseThrow().name())
        .isEqualTo("Phường Trúc Bạch");
  }

  @Test
  void theSimpleCrosswalkMakesEachLinkPrimaryAndFull() throws IOException {
    Files.delete(dir.resolve("crosswalk-2025-links.csv"));
    write(
        "crosswalk-2025.csv",
        "old_ward_code,new_ward_code\n00001,00004\n00004,00004\n00006,00008\n");

    assertThat(AdminUnitsLoader.load(dir).crosswalk())
        .containsExactly(
            new CrosswalkLink("00001", "00004", true, "full"),
            new CrosswalkLink("00004", "00004", true, "full"),
            new CrosswalkLink("00006", "00008", true, "full"));
  }

  @Test
  void aNameInDecomposedUnicodeIsStoredInNfc() throws IOException {
    write(
        "units-2025.csv",
        UNITS_2025.replace(
            "Phường Ngọc Hà",
            java.text.Normalizer.normalize("Phường Ngọc Hà", java.text.Normalizer.Form.NFD)));

    assertThat(AdminUnitsLoader.load(dir).ward("00008", Era.POST_REFORM).orElseThrow().name())
        .isEqualTo("Phường Ngọc Hà");
  }

  @Test
  void aCodeThatLostItsLeadingZerosIsRejectedWithItsLine() throws IOException {
    write("units-2024.csv", UNITS_2024.replace("00004,Phường Trúc Bạch", "4,Phường Trúc Bạch"));

    assertThatThrownBy(() -> AdminUnitsLoader.load(dir))
        .isInstanceOf(AdminUnitsLoadException.class)
        .hasMessage(
            "Cannot load admin units: "
                + file("units-2024.csv")
                + " line 3: ward_code '4' has lost its"
                + " leading zeros (keep codes as text with 5 digits, e.g. 00004)");
  }

  @Test
  void aLinkToAWardMissingFromTheNewListIsRejected() throws IOException {
    write("crosswalk-2025-links.csv", LINKS.replace("00001,00004,1", "00001,00099,1"));

    assertThatThrownBy(() -> AdminUnitsLoader.load(dir))
        .hasMessage(
            "Cannot load admin units: "
                + file("crosswalk-2025-links.csv")
                + " line 2: new_ward_code 00099"
                + " is not in units-2025.csv (use a code of the 1 July 2025 list)");
  }

  @Test
  void twoPrimaryLinksForOneOldWardAreRejected() throws IOException {
    write("crosswalk-2025-links.csv", LINKS.replace("2,part,0", "2,part,1"));

    assertThatThrownBy(() -> AdminUnitsLoader.load(dir))
        .hasMessage(
            "Cannot load admin units: "
                + file("crosswalk-2025-links.csv")
                + " line 5: old_ward_code 00006"
                + " has a second primary link (the first is on line 4) (set is_primary=1 on exactly one link of each"
                + " old ward, 0 on the others)");
  }

  @Test
  void anOldWardWithoutPrimaryLinkIsRejected() throws IOException {
    write("crosswalk-2025-links.csv", LINKS.replace("2,remainder,1", "2,remainder,0"));

    assertThatThrownBy(() -> AdminUnitsLoader.load(dir))
        .hasMessage(
            "Cannot load admin units: "
                + file("crosswalk-2025-links.csv")
                + " line 4: old_ward_code 00006"
                + " has no primary link (set is_primary=1 on exactly one link of each old ward)");
  }

  @Test
  void aMissingColumnIsRejected() throws IOException {
    write("units-2025.csv", UNITS_2025.replace(",ward_type", "").replace(",Phường\n", "\n"));

    assertThatThrownBy(() -> AdminUnitsLoader.load(dir))
        .hasMessage(
            "Cannot load admin units: "
                + file("units-2025.csv")
                + " line 1: missing column ward_type"
                + " (the header row must be province_code,province_name,ward_code,ward_name,ward_type)");
  }

  @Test
  void aRowWithAnUnquotedCommaIsRejected() throws IOException {
    write("units-2025.csv", UNITS_2025.replace("Phường Ngọc Hà", "Phường Ngọc Hà, Ba Đình"));

    assertThatThrownBy(() -> AdminUnitsLoader.load(dir))
        .hasMessage(
            "Cannot load admin units: "
                + file("units-2025.csv")
                + " line 3: it has 6 fields, the header"
                + " has 5 (put names that contain a comma in double quotes)");
  }

  @Test
  void aDuplicateCodeIsRejected() throws IOException {
    write("units-2025.csv", UNITS_2025 + "01,Thành phố Hà Nội,00004,Phường Ba Đình,Phường\n");

    assertThatThrownBy(() -> AdminUnitsLoader.load(dir))
        .hasMessage(
            "Cannot load admin units: "
                + file("units-2025.csv")
                + " line 4: ward_code 00004 appears twice"
                + " (first on line 2) (keep one row for it)");
  }

  @Test
  void aFileThatIsNotUtf8IsRejected() throws IOException {
    Files.write(dir.resolve("units-2025.csv"), UNITS_2025.getBytes(StandardCharsets.UTF_16LE));

    assertThatThrownBy(() -> AdminUnitsLoader.load(dir))
        .hasMessage(
            "Cannot load admin units: "
                + file("units-2025.csv")
                + ": it is not UTF-8 text (save it as CSV"
                + " UTF-8)");
  }

  @Test
  void aFolderWithoutTheCrosswalkIsAnErrorNotASilentFallBackToNpm() throws IOException {
    Files.delete(dir.resolve("crosswalk-2025-links.csv"));

    assertThatThrownBy(() -> AdminUnitsLoader.load(dir))
        .hasMessage(
            "Cannot load admin units: "
                + dir.toAbsolutePath()
                + " has no crosswalk-2025-links.csv (put the"
                + " crosswalk there as crosswalk-2025-links.csv, or crosswalk-2025.csv with one"
                + " old_ward_code,new_ward_code row per old ward)");
  }

  @Test
  void aFolderWithOnlyOneListIsAnError() throws IOException {
    Files.delete(dir.resolve("units-2024.csv"));

    assertThatThrownBy(() -> AdminUnitsLoader.load(dir))
        .hasMessage(
            "Cannot load admin units: "
                + dir.toAbsolutePath()
                + " has no units-2024.csv (put"
                + " units-2024.csv, units-2025.csv and crosswalk-2025-links.csv there together, or remove the folder to"
                + " use the npm packages)");
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private Path file(String name) {
    return dir.toAbsolutePath().resolve(name);
  }
}
