package vn.da06.orchestration.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.da06.orchestration.report.ReportDocument.Column;
import vn.da06.orchestration.report.ReportDocument.ColumnType;
import vn.da06.orchestration.report.ReportDocument.Table;

/**
 * The report's tables as an XLSX workbook (Apache POI): one sheet per table with figures as numbers
 * (rates as fractions formatted 0.0%), and a sheet "Trạng thái" with the status, the reasons and
 * every table version. Core properties and zip entry times are the report's creation time, so the
 * same report gives the same bytes.
 */
public final class XlsxRenderer {
  public static final String STATUS_SHEET = "Trạng thái";

  private XlsxRenderer() {}

  public static byte[] render(ReportDocument document) {
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      CellStyle bold = workbook.createCellStyle();
      Font boldFont = workbook.createFont();
      boldFont.setBold(true);
      bold.setFont(boldFont);
      CellStyle count = workbook.createCellStyle();
      count.setDataFormat(workbook.createDataFormat().getFormat("#,##0"));
      CellStyle rate = workbook.createCellStyle();
      rate.setDataFormat(workbook.createDataFormat().getFormat("0.0%"));
      CellStyle number = workbook.createCellStyle();
      number.setDataFormat(workbook.createDataFormat().getFormat("#,##0.##"));

      for (Table table : document.tables()) {
        Sheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(table.sheet()));
        Row title = sheet.createRow(0);
        title.createCell(0).setCellValue(table.title());
        title.getCell(0).setCellStyle(bold);
        Row header = sheet.createRow(1);
        for (int i = 0; i < table.columns().size(); i++) {
          header.createCell(i).setCellValue(table.columns().get(i).header());
          header.getCell(i).setCellStyle(bold);
          sheet.setColumnWidth(i, Math.round(table.columns().get(i).width() * 3000));
        }
        int r = 2;
        for (List<Object> cells : table.rows()) {
          Row row = sheet.createRow(r++);
          for (int i = 0; i < cells.size(); i++) {
            Object value = cells.get(i);
            if (value == null) {
              continue;
            }
            Column column = table.columns().get(i);
            org.apache.poi.ss.usermodel.Cell cell = row.createCell(i);
            if (value instanceof Number figure) {
              cell.setCellValue(figure.doubleValue());
              boolean isRate =
                  column.type() == ColumnType.RATE
                      || (column.type() == ColumnType.METRIC && value instanceof Double);
              cell.setCellStyle(
                  isRate ? rate : column.type() == ColumnType.NUMBER ? number : count);
            } else {
              cell.setCellValue(value.toString());
            }
          }
        }
        sheet.createFreezePane(0, 2);
      }
      Sheet status = workbook.createSheet(STATUS_SHEET);
      int r = 0;
      r = pair(status, r, "Mã báo cáo", document.reportId(), bold);
      r = pair(status, r, "Trạng thái", document.certification().label(), bold);
      r =
          pair(
              status,
              r,
              "Lý do",
              document.certification().official() ? "" : document.certification().reasonText(),
              bold);
      r = pair(status, r, "Lập lúc (UTC)", document.createdAt(), bold);
      r = pair(status, r, "Số, ký hiệu", document.number(), bold);
      r++;
      Row header = status.createRow(r++);
      header.createCell(0).setCellValue("Bảng");
      header.createCell(1).setCellValue("Phiên bản Delta");
      header.getCell(0).setCellStyle(bold);
      header.getCell(1).setCellStyle(bold);
      for (Map.Entry<String, Long> entry : document.tableVersions().entrySet()) {
        Row row = status.createRow(r++);
        row.createCell(0).setCellValue(entry.getKey());
        row.createCell(1).setCellValue(entry.getValue());
      }
      status.setColumnWidth(0, 7000);
      status.setColumnWidth(1, 20000);

      Date created = Date.from(Instant.parse(document.createdAt()));
      POIXMLProperties.CoreProperties core = workbook.getProperties().getCoreProperties();
      core.setCreated(Optional.of(created));
      core.setModified(Optional.of(created));
      core.setTitle(document.title() + " " + document.subtitle());
      core.setCreator(document.issuingBody());
      core.setDescription(document.certification().label() + " · " + document.reportId());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      workbook.write(out);
      return fixZipTimes(out.toByteArray(), created.getTime());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the XLSX of " + document.reportId() + ": " + e.getMessage(), e);
    }
  }

  private static int pair(Sheet sheet, int r, String key, String value, CellStyle bold) {
    Row row = sheet.createRow(r);
    row.createCell(0).setCellValue(key);
    row.getCell(0).setCellStyle(bold);
    row.createCell(1).setCellValue(value);
    return r + 1;
  }

  /**
   * Rewrites the zip with every entry dated {@code time}: POI stamps entries with the current time.
   */
  static byte[] fixZipTimes(byte[] zip, long time) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
        ZipOutputStream rewritten = new ZipOutputStream(out)) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(time);
        rewritten.putNextEntry(copy);
        in.transferTo(rewritten);
        rewritten.closeEntry();
      }
    }
    return out.toByteArray();
  }
}
