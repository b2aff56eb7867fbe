package vn.da06.orchestration.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.da06.goldread.DeltaTableReader;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;

/**
 * Helpers of the report tests: a private copy of the shared warehouse, gold read by hand, files
 * opened.
 */
public final class TestReports {
  public static final ObjectMapper JSON = new ObjectMapper();

  private TestReports() {}

  /**
   * A copy of the shared test warehouse, so that each test class has its own ops.reports and mail
   * ledger.
   */
  public static Path copyOfWarehouse(Path into) {
    Path source = ReportTestWarehouse.get();
    Path target = into.resolve("warehouse");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path relative = source.relativize(file);
        if (relative.toString().endsWith(".jsonl")) {
          continue;
        }
        Path copy = target.resolve(relative.toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  public static Clock clock(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  /** Runs the CLI; returns exit code, stdout and stderr. */
  public static Run run(Clock clock, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ReportCli.execute(
            clock,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  public record Run(int code, String out, String err) {
    /** The report id printed on the first line ("report <id> <status>"). */
    public String reportId() {
      for (String line : out.split("\n")) {
        if (line.startsWith("report ")) {
          return line.split(" ")[1];
        }
      }
      throw new AssertionError("no report id in: " + out + err);
    }
  }

  /** The province's figures for a month: {@link #unitFigures} of its wards. */
  public static Map<String, Object> provinceFigures(Path warehouse, String province, String month) {
    return unitFigures(warehouse, province, month);
  }

  /**
   * A province's (2-digit code) or a ward's (5 digits) figures for a month, summed by hand from
   * gold.ward_month_kpis rows read with Delta Kernel: every count, and every rate recomputed from
   * its summed numerator and denominator.
   */
  public static Map<String, Object> unitFigures(Path warehouse, String unit, String month) {
    String column = unit.length() == 2 ? "province_code" : "ward_code";
    DeltaTableReader.TableData table =
        new DeltaTableReader().read(warehouse.resolve("gold/ward_month_kpis"));
    Map<String, Long> sums = new HashMap<>();
    for (Map<String, Object> row : table.rows()) {
      if (!unit.equals(row.get(column)) || !month.equals(row.get("month"))) {
        continue;
      }
      for (Map.Entry<String, Object> cell : row.entrySet()) {
        if (cell.getValue() instanceof Long value) {
          sums.merge(cell.getKey(), value, Long::sum);
        }
      }
    }
    Map<String, Object> figures = new HashMap<>();
    for (Metric metric : Metrics.ALL) {
      if (metric.isRate()) {
        Long denominator = sums.get(metric.denominator());
        figures.put(
            metric.column(),
            denominator == null || denominator == 0
                ? null
                : (double) sums.getOrDefault(metric.numerator(), 0L) / denominator);
      } else {
        figures.put(metric.column(), sums.get(metric.column()));
      }
    }
    return figures;
  }

  public static String pdfText(byte[] pdf) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sheet's rows as lists of cell values (String or Double; null for an empty cell). */
  public static List<List<Object>> sheet(byte[] xlsx, String name) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet sheet = workbook.getSheet(name);
      if (sheet == null) {
        throw new AssertionError("no sheet " + name);
      }
      List<List<Object>> rows = new ArrayList<>();
      for (Row row : sheet) {
        List<Object> cells = new ArrayList<>();
        for (int i = 0; i < row.getLastCellNum(); i++) {
          Cell cell = row.getCell(i);
          cells.add(
              cell == null
                  ? null
                  : switch (cell.getCellType()) {
                    case NUMERIC -> cell.getNumericCellValue();
                    case STRING -> cell.getStringCellValue();
                    default -> null;
                  });
        }
        rows.add(cells);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Metric column → value (col 2) of the KPI sheet. */
  public static Map<String, Object> kpiSheet(byte[] xlsx) {
    Map<String, Object> values = new HashMap<>();
    for (List<Object> row : sheet(xlsx, "Chỉ tiêu")) {
      if (row.size() > 2
          && row.get(1) instanceof String column
          && Metrics.byColumn(column).isPresent()) {
        values.put(column, row.get(2));
      }
    }
    return values;
  }

  /**
   * Commits a new version of a Delta table that removes every data file (a hand-written Delta
   * commit, as any writer would make): the latest version is then empty, the earlier one still
   * readable.
   */
  public static void emptyTable(Path table) {
    try {
      Path log = table.resolve("_delta_log");
      long latest;
      try (Stream<Path> files = Files.list(log)) {
        latest =
            files
                .map(path -> path.getFileName().toString())
                .filter(name -> name.matches("\\d{20}\\.json"))
                .mapToLong(name -> Long.parseLong(name.substring(0, 20)))
                .max()
                .orElseThrow();
      }
      List<String> live = new ArrayList<>();
      for (long version = 0; version <= latest; version++) {
        for (String line : Files.readAllLines(log.resolve(String.format("%020d.json", version)))) {
          JsonNode action = JSON.readTree(line);
          if (action.has("add")) {
            live.add(action.get("add").get("path").asText());
          } else if (action.has("remove")) {
            live.remove(action.get("remove").get("path").asText());
          }
        }
      }
      long now = System.currentTimeMillis();
      StringBuilder commit = new StringBuilder();
      ObjectNode info = JSON.createObjectNode();
      info.putObject("commitInfo").put("timestamp", now).put("operation", "DELETE");
      commit.append(JSON.writeValueAsString(info)).append('\n');
      for (String path : live) {
        ObjectNode remove = JSON.createObjectNode();
        remove
            .putObject("remove")
            .put("path", path)
            .put("deletionTimestamp", now)
            .put("dataChange", true);
        commit.append(JSON.writeValueAsString(remove)).append('\n');
      }
      Files.writeString(log.resolve(String.format("%020d.json", latest + 1)), commit.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
