package vn.da06.dashboard.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
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
 * A table view as CSV (UTF-8 with BOM, so Excel reads the diacritics) or XLSX (Apache POI). Both
 * start with what the figures are: unit, month, data version and filters; then the gold column
 * names as the header row and the raw values (rates as fractions, so they compute).
 */
final class Exports {
  private Exports() {}

  /** The lines above the table: key, value. */
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

  static byte[] csv(PageContext page, TableView table) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CSVPrinter printer =
        new CSVPrinter(
            new OutputStreamWriter(bytes, StandardCharsets.UTF_8),
            CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
      bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      for (Map.Entry<String, String> entry : metadata(page, table).entrySet()) {
        printer.printRecord(entry.getKey(), entry.getValue());
      }
      printer.println();
      printer.printRecord(table.columns().stream().map(TableView.Column::key).toList());
      for (List<TableView.Cell> row : table.rows()) {
        printer.printRecord(
            row.stream().map(cell -> cell.value() == null ? "" : cell.value().toString()).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
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
        row.createCell(0).setCellValue(entry.getKey());
        row.getCell(0).setCellStyle(bold);
        row.createCell(1).setCellValue(entry.getValue());
      }
      rowIndex++;
      Row header = sheet.createRow(rowIndex++);
      for (int i = 0; i < table.columns().size(); i++) {
        Cell cell = header.createCell(i);
        cell.setCellValue(table.columns().get(i).key());
        cell.setCellStyle(bold);
      }
      Row labels = sheet.createRow(rowIndex++);
      for (int i = 0; i < table.columns().size(); i++) {
        labels.createCell(i).setCellValue(table.columns().get(i).label());
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
            cell.setCellValue(value.toString());
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
