package vn.da06.dashboard.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A table view as a file, in three formats (UTF-8 with BOM for the CSVs, so Excel reads the
 * diacritics), each starting with what the figures are: unit, month, data version and time, table,
 * filters, who exported it.
 *
 * <ul>
 *   <li>{@link Format#CSV_EXCEL} "CSV (Excel)", for a person opening it in Vietnamese Excel: {@code
 *       ;} between fields, decimal comma, rates as percentages (84,2), Vietnam's local time,
 *       headers in the page's language;
 *   <li>{@link Format#CSV_DATA} "CSV (dữ liệu)", for a script: {@code ,}, raw values (rates as
 *       fractions), ISO dates and times, gold column names as headers;
 *   <li>{@link Format#XLSX} (Apache POI): numbers as numbers, rates formatted as percentages, the
 *       column names and the page's labels as two header rows.
 * </ul>
 *
 * Every text cell of every format is neutralised against formula injection ({@link #neutralise}): a
 * ward or campaign name starting with {@code = + - @}, a tab or a carriage return gets a leading
 * {@code '}, so a spreadsheet shows it as text instead of running it. Numbers stay numbers.
 */
final class Exports {
  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
  private static final DateTimeFormatter LOCAL_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private Exports() {}

  /** The formats offered under every table, in the order of the links. */
  enum Format {
    CSV_EXCEL("csv-excel", "export.csv.excel", "csv"),
    CSV_DATA("csv", "export.csv.data", "csv"),
    XLSX("xlsx", "export.xlsx", "xlsx");

    private final String id;
    private final String labelKey;
    private final String extension;

    Format(String id, String labelKey, String extension) {
      this.id = id;
      this.labelKey = labelKey;
      this.extension = extension;
    }

    /**
     * The path segment of the export URL: {@code csv} stays the data CSV scripts already fetch,
     * {@code csv-excel} is the one for a person.
     */
    String id() {
      return id;
    }

    String labelKey() {
      return labelKey;
    }

    String extension() {
      return extension;
    }

    String contentType() {
      return this == XLSX
          ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          : "text/csv; charset=utf-8";
    }

    static Format parse(String id) {
      for (Format format : values()) {
        if (format.id.equals(id)) {
          return format;
        }
      }
      throw DashboardException.badRequest(
          "Cannot export as '" + id + "': use csv-excel (for Excel), csv (for scripts) or xlsx");
    }
  }

  /**
   * A text cell made safe for a spreadsheet: a leading {@code '} before {@code = + - @}, a tab or a
   * carriage return (OWASP's CSV injection rule), so Excel and LibreOffice show it as text.
   */
  static String neutralise(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    char first = text.charAt(0);
    return first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r'
        ? "'" + text
        : text;
  }

  /** The lines above the table, keyed by gold-style names (the data CSV and XLSX). */
  static Map<String, String> metadata(PageContext page, TableView table) {
    PageState state = page.state();
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("unit", page.unit().code() + " " + page.unit().name());
    meta.put("month", state.month());
    meta.put("data_version", String.valueOf(page.gold().version().version()));
    meta.put("data_updated_at", page.gold().version().updatedAt().toString());
    meta.put("table", table.id() + " — " + table.title());
    StringBuilder filters = new StringBuilder("wards=" + state.view().parameter());
    if (state.metric() != null) {
      filters.append("; metric=").append(state.metric());
    }
    if (state.sort() != null) {
      filters.append("; sort=").append(state.sort()).append(state.ascending() ? " asc" : " desc");
    }
    meta.put("filters", filters.toString());
    meta.put("exported_by", page.user().name());
    return meta;
  }

  /** The same lines for a person: labels in the page's language, the month and time local. */
  static Map<String, String> localMetadata(PageContext page, TableView table) {
    Lang lang = page.lang();
    Map<String, String> data = metadata(page, table);
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(lang.t("export.meta.unit"), data.get("unit"));
    meta.put(lang.t("export.meta.month"), lang.month(page.state().month()));
    meta.put(lang.t("export.meta.version"), data.get("data_version"));
    meta.put(lang.t("export.meta.updated"), localTime(page.gold().version().updatedAt()));
    meta.put(lang.t("export.meta.table"), table.title());
    meta.put(lang.t("export.meta.filters"), data.get("filters"));
    meta.put(lang.t("export.meta.by"), data.get("exported_by"));
    return meta;
  }

  static byte[] export(PageContext page, TableView table, Format format) {
    return switch (format) {
      case CSV_EXCEL -> csv(page, table, format);
      case CSV_DATA -> csv(page, table, format);
      case XLSX -> xlsx(page, table);
    };
  }

  /** The data CSV (kept for callers that want the script's format). */
  static byte[] csv(PageContext page, TableView table) {
    return csv(page, table, Format.CSV_DATA);
  }

  static byte[] csv(PageContext page, TableView table, Format format) {
    boolean excel = format == Format.CSV_EXCEL;
    Lang lang = page.lang();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CSVFormat csv =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter(excel ? ';' : ',')
            .setRecordSeparator("\r\n")
            .get();
    try (CSVPrinter printer =
        new CSVPrinter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), csv)) {
      bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      Map<String, String> meta = excel ? localMetadata(page, table) : metadata(page, table);
      for (Map.Entry<String, String> entry : meta.entrySet()) {
        printer.printRecord(neutralise(entry.getKey()), neutralise(entry.getValue()));
      }
      printer.println();
      List<String> header = new ArrayList<>();
      for (TableView.Column column : table.columns()) {
        header.add(
            neutralise(
                excel
                    ? column.label() + (column.kind() == TableView.Kind.RATE ? " (%)" : "")
                    : column.key()));
      }
      printer.printRecord(header);
      for (List<TableView.Cell> row : table.rows()) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
          TableView.Kind kind = table.columns().get(i).kind();
          Object value = row.get(i).value();
          fields.add(excel ? excelField(lang, kind, value) : dataField(value));
        }
        printer.printRecord(fields);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A raw value for a script: numbers as Java writes them, ISO dates and times, text as text. */
  private static String dataField(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Number || value instanceof LocalDate || value instanceof Instant) {
      return value.toString();
    }
    return neutralise(value.toString());
  }

  /**
   * A value for Vietnamese Excel: rates as percentages with a decimal comma (84,2), counts whole
   * without grouping (Excel would read 38.451 as 38,451 elsewhere), dates dd/MM/yyyy, times local.
   */
  private static String excelField(Lang lang, TableView.Kind kind, Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Number number) {
      if (kind == TableView.Kind.RATE) {
        return decimalComma(number.doubleValue() * 100);
      }
      if (number instanceof Double || number instanceof Float) {
        return decimalComma(number.doubleValue());
      }
      return number.toString();
    }
    if (value instanceof LocalDate date) {
      return LOCAL_DATE.format(date);
    }
    if (value instanceof Instant instant) {
      return localTime(instant);
    }
    return neutralise(value.toString());
  }

  /** Up to 4 decimals with a decimal comma and no grouping: 84,2; 0,6634 → "66,3399" for rates. */
  private static String decimalComma(double value) {
    java.text.DecimalFormatSymbols symbols =
        new java.text.DecimalFormatSymbols(java.util.Locale.ROOT);
    symbols.setDecimalSeparator(',');
    symbols.setMinusSign('-');
    java.text.DecimalFormat format = new java.text.DecimalFormat("0.####", symbols);
    format.setGroupingUsed(false);
    return format.format(value);
  }

  private static String localTime(Instant instant) {
    return instant == null ? "" : LOCAL_TIME.format(instant.atZone(PageContext.VIETNAM));
  }

  static byte[] xlsx(PageContext page, TableView table) {
    try (XSSFWorkbook workbook = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet(table.id());
      CellStyle bold = workbook.createCellStyle();
      Font font = workbook.createFont();
      font.setBold(true);
      bold.setFont(font);
      CellStyle percent = workbook.createCellStyle();
      percent.setDataFormat(workbook.createDataFormat().getFormat("0.0%"));
      CellStyle date = workbook.createCellStyle();
      date.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy"));
      int rowIndex = 0;
      for (Map.Entry<String, String> entry : metadata(page, table).entrySet()) {
        Row row = sheet.createRow(rowIndex++);
        row.createCell(0).setCellValue(neutralise(entry.getKey()));
        row.getCell(0).setCellStyle(bold);
        row.createCell(1).setCellValue(neutralise(entry.getValue()));
      }
      rowIndex++;
      Row header = sheet.createRow(rowIndex++);
      for (int i = 0; i < table.columns().size(); i++) {
        Cell cell = header.createCell(i);
        cell.setCellValue(neutralise(table.columns().get(i).key()));
        cell.setCellStyle(bold);
      }
      Row labels = sheet.createRow(rowIndex++);
      for (int i = 0; i < table.columns().size(); i++) {
        labels.createCell(i).setCellValue(neutralise(table.columns().get(i).label()));
      }
      for (List<TableView.Cell> values : table.rows()) {
        Row row = sheet.createRow(rowIndex++);
        for (int i = 0; i < values.size(); i++) {
          Object value = values.get(i).value();
          if (value == null) {
            continue;
          }
          Cell cell = row.createCell(i);
          if (value instanceof Number number) {
            cell.setCellValue(number.doubleValue());
            if (table.columns().get(i).kind() == TableView.Kind.RATE) {
              cell.setCellStyle(percent);
            }
          } else if (value instanceof LocalDate localDate) {
            cell.setCellValue(localDate);
            cell.setCellStyle(date);
          } else {
            cell.setCellValue(neutralise(value.toString()));
          }
        }
      }
      sheet.createFreezePane(0, rowIndex - table.rows().size());
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
