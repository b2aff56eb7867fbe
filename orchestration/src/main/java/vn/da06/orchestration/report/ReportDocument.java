package vn.da06.orchestration.report;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.da06.goldread.ops.ReportRecord;

/**
 * A report as content, independent of its file format: the parts of a Vietnamese administrative
 * report (header, title, Kính gửi, body, Nơi nhận, signature) and its certification. The PDF and
 * the XLSX are both drawn from it, so their tables hold the same figures.
 */
public record ReportDocument(
    String reportId,
    String parentBody,
    String issuingBody,
    String number,
    String placeAndDate,
    String title,
    String subtitle,
    String addressee,
    List<Block> blocks,
    List<String> distribution,
    String signerCapacity,
    String signerTitle,
    String signerName,
    Certification certification,
    Map<String, Long> tableVersions,
    String createdAt) {

  public ReportDocument {
    requireNonNull(reportId, "reportId is null");
    blocks = List.copyOf(blocks);
    distribution = List.copyOf(distribution);
    requireNonNull(certification, "certification is null");
    tableVersions = Collections.unmodifiableMap(new LinkedHashMap<>(tableVersions));
  }

  /** The footer line: status and the version of every table read. */
  public String footer() {
    List<String> parts = new ArrayList<>();
    tableVersions.forEach((table, version) -> parts.add(table + " v" + version));
    return certification.label()
        + " · Mã báo cáo "
        + reportId
        + " · Dữ liệu: "
        + String.join(", ", parts);
  }

  public List<Table> tables() {
    return blocks.stream().filter(Table.class::isInstance).map(Table.class::cast).toList();
  }

  /** A part of the body. */
  public sealed interface Block permits Heading, Paragraph, Table, Chart {}

  public record Heading(String text) implements Block {}

  public record Paragraph(String text) implements Block {}

  /**
   * How a column's values are shown: text, a count (1.234), a rate (45,6%), a number (12,5), or a
   * metric (a Long as a count, a Double as a rate).
   */
  public enum ColumnType {
    TEXT,
    METRIC,
    COUNT,
    RATE,
    NUMBER
  }

  public record Column(String header, ColumnType type, float width) {}

  /**
   * A table; {@code sheet} is its worksheet name in the XLSX. Cells are String, Long or Double
   * (rates as fractions), null where there is no value.
   */
  public record Table(String sheet, String title, List<Column> columns, List<List<Object>> rows)
      implements Block {
    public Table {
      columns = List.copyOf(columns);
      rows = rows.stream().map(row -> Collections.unmodifiableList(new ArrayList<>(row))).toList();
      for (List<Object> row : rows) {
        if (row.size() != columns.size()) {
          throw new IllegalArgumentException(
              "table " + sheet + ": a row has " + row.size() + " cells, not " + columns.size());
        }
      }
    }
  }

  /** A bar chart (categories × one series) or a line chart (months × series). */
  public record Chart(
      String title,
      boolean line,
      List<String> categories,
      Map<String, List<Double>> series,
      boolean percent)
      implements Block {
    public Chart {
      categories = List.copyOf(categories);
      series = Collections.unmodifiableMap(new LinkedHashMap<>(series));
    }
  }

  /**
   * CHÍNH THỨC when the period's data are complete; TẠM TÍNH otherwise, with the reasons in words.
   */
  public record Certification(boolean official, List<String> reasons) {
    public static final String OFFICIAL = ReportRecord.OFFICIAL;
    public static final String PROVISIONAL = ReportRecord.PROVISIONAL;

    public Certification {
      reasons = List.copyOf(reasons);
      if (official != reasons.isEmpty()) {
        throw new IllegalArgumentException(
            "a report is official exactly when there is no reason against it");
      }
    }

    public String label() {
      return official ? OFFICIAL : PROVISIONAL;
    }

    public String reasonText() {
      return String.join("; ", reasons);
    }
  }
}
