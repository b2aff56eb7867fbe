package vn.da06.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import vn.da06.warehouse.Steering;

/**
 * Exports replay formula payloads in ward names through the three formats: every text cell that
 * would start a formula in a spreadsheet gets a leading {@code '}; numbers stay numbers. And each
 * CSV has its own conventions: Excel's with {@code ;}, decimal comma, percentages, local time and
 * the page's headers; the data one with {@code ,}, fractions, ISO time and gold column names.
 */
class ExportsTest {
  /** Ward code → a name that a spreadsheet would run as a formula or split as a field. */
  static final Map<String, String> EVIL = new LinkedHashMap<>();

  static {
    EVIL.put("06100", "=HYPERLINK(\"http://evil\",\"x\")");
    EVIL.put("06200", "@SUM(1+1)");
    EVIL.put("06300", "+1+1");
    EVIL.put("06400", "-1+1");
  }

  @org.junit.jupiter.api.io.TempDir static java.nio.file.Path dir;

  @org.junit.jupiter.api.BeforeAll
  static void users() {
    ScorecardPageTest.dir = dir; // the same small province and users as the scorecard's tests
    ScorecardPageTest.users();
  }

  static Map<String, String> names() {
    Map<String, String> names = new LinkedHashMap<>(EVIL);
    return names;
  }

  @Test
  void neutralisesEveryFormulaPrefixAndLeavesOtherTextAlone() {
    for (String payload :
        List.of("=HYPERLINK(\"http://evil\",\"x\")", "@SUM(1+1)", "+1+1", "-1+1", "\tx", "\rx")) {
      assertThat(Exports.neutralise(payload)).isEqualTo("'" + payload);
    }
    assertThat(Exports.neutralise("Xã Bắc Sơn")).isEqualTo("Xã Bắc Sơn");
    assertThat(Exports.neutralise("")).isEmpty();
    assertThat(Exports.neutralise(null)).isNull();
  }

  @Test
  void wardNamesThatAreFormulasReachNoSpreadsheetAsFormulas() {
    // Tab- and CR-prefixed names too (the fake store takes any name).
    Map<String, String> names = names();
    ScorecardPageTest.run(
        "tinh",
        Steering.DEFAULT,
        names,
        client -> {
          for (String format : List.of("csv-excel", "csv")) {
            String text =
                new String(
                    client
                        .getBytes(
                            "/units/20/scorecard/export/"
                                + format
                                + "?month=2025-08&table=scorecard")
                        .body(),
                    StandardCharsets.UTF_8);
            char delimiter = format.equals("csv") ? ',' : ';';
            List<CSVRecord> records =
                CSVFormat.DEFAULT
                    .builder()
                    .setDelimiter(delimiter)
                    .get()
                    .parse(new StringReader(text.substring(1)))
                    .getRecords();
            List<String> header =
                records.stream().filter(r -> r.size() > 3).findFirst().orElseThrow().toList();
            int name = 0; // the ward's name is the first column
            int online =
                header.indexOf(format.equals("csv") ? "online_rate" : "Tỷ lệ trực tuyến (%)");
            assertThat(online).as(format + " header " + header).isPositive();
            List<String> seen = new ArrayList<>();
            for (CSVRecord record : records) {
              if (record.size() <= 3 || record.get(header.size() - 1).length() != 5) {
                continue;
              }
              String code = record.get(header.size() - 1);
              if (!EVIL.containsKey(code)) {
                continue;
              }
              assertThat(record.get(name)).as(format).isEqualTo("'" + EVIL.get(code));
              // The number beside it is still a number, in the format's own convention.
              String value = record.get(online);
              double expected = ScorecardPageTest.online(code);
              assertThat(value)
                  .isEqualTo(
                      format.equals("csv")
                          ? String.valueOf(expected)
                          : String.valueOf(Math.round(expected * 100)));
              seen.add(code);
            }
            assertThat(seen).as(format).containsExactlyInAnyOrderElementsOf(EVIL.keySet());
            for (String line : text.split("\r\n")) {
              assertThat(line).doesNotStartWith("=").doesNotStartWith("@").doesNotStartWith("+");
            }
          }
          byte[] xlsx =
              client
                  .getBytes("/units/20/scorecard/export/xlsx?month=2025-08&table=scorecard")
                  .body();
          List<String> names2 = new ArrayList<>();
          try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Row row : workbook.getSheetAt(0)) {
              for (Cell cell : row) {
                assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
                if (cell.getCellType() == CellType.STRING) {
                  String value = cell.getStringCellValue();
                  assertThat(value.isEmpty() ? ' ' : value.charAt(0))
                      .as(value)
                      .isNotIn('=', '+', '-', '@', '\t', '\r');
                  names2.add(value);
                }
              }
            }
            assertThat(workbook.getSheetAt(0).getHyperlinkList()).isEmpty();
          }
          for (String evil : EVIL.values()) {
            assertThat(names2).contains("'" + evil);
          }
        });
  }

  @Test
  void tabAndCarriageReturnPrefixedNamesAreNeutralisedToo() {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("06100", "\tXã Tab");
    names.put("06200", "\rXã CR");
    names.put("06300", "Xã Ba");
    names.put("06400", "Xã Bốn");
    ScorecardPageTest.run(
        "tinh",
        Steering.DEFAULT,
        names,
        client -> {
          for (String format : List.of("csv-excel", "csv", "xlsx")) {
            byte[] bytes =
                client
                    .getBytes(
                        "/units/20/scorecard/export/" + format + "?month=2025-08&table=scorecard")
                    .body();
            String text =
                format.equals("xlsx")
                    ? XlsxText.of(bytes)
                    : new String(bytes, StandardCharsets.UTF_8);
            assertThat(text).as(format).contains("'\tXã Tab", "'\rXã CR").contains("Xã Ba");
            assertThat(text).doesNotContain("'Xã Ba");
          }
        });
  }

  @Test
  void theExcelCsvIsForAPersonAndTheDataCsvForAScript() {
    ScorecardPageTest.run(
        "tinh",
        Steering.DEFAULT,
        ScorecardPageTest.plainNames(),
        client -> {
          String excel =
              new String(
                  client
                      .getBytes(
                          "/units/20/ranking/export/csv-excel?month=2025-08&table=league&metric=online_rate")
                      .body(),
                  StandardCharsets.UTF_8);
          // Updated 2025-09-01T00:00Z is 07:00 in Vietnam; 9 of 10 online is 90 %, 7 of 10 → 70.
          assertThat(excel)
              .startsWith("\uFEFFĐơn vị;20 ")
              .contains("Tháng;08/2025", "Cập nhật lúc;01/09/2025 07:00", "Tỷ lệ trực tuyến (%)")
              .contains(";06100;Xã Một;90;")
              .contains(";06200;Xã Hai;70;");
          String data =
              new String(
                  client
                      .getBytes(
                          "/units/20/ranking/export/csv?month=2025-08&table=league&metric=online_rate")
                      .body(),
                  StandardCharsets.UTF_8);
          assertThat(data)
              .contains("month,2025-08", "data_updated_at,2025-09-01T00:00:00Z")
              .contains("rank,ward_code,ward_name,online_rate,")
              .contains(",06100,Xã Một,0.9,")
              .doesNotContain(";06100;");
        });
  }
}
