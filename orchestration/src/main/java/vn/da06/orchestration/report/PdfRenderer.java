package vn.da06.orchestration.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import vn.da06.orchestration.report.ReportDocument.Block;
import vn.da06.orchestration.report.ReportDocument.Chart;
import vn.da06.orchestration.report.ReportDocument.Column;
import vn.da06.orchestration.report.ReportDocument.ColumnType;
import vn.da06.orchestration.report.ReportDocument.Heading;
import vn.da06.orchestration.report.ReportDocument.Paragraph;
import vn.da06.orchestration.report.ReportDocument.Table;

/**
 * Lays a {@link ReportDocument} out as an A4 Vietnamese administrative report with PDFBox: issuing
 * body and số/ký hiệu top left, Quốc hiệu and tiêu ngữ top right, place and date, title, Kính gửi,
 * body, Nơi nhận bottom left, signature bottom right, a footer with status and table versions on
 * every page. The creation date and the file identifier come from the report's record, so the same
 * report gives the same bytes.
 *
 * <p>Over 400 lines on purpose: the page layout of an administrative document is one set of
 * coordinates and fonts; split, its parts would share most of the state.
 */
public final class PdfRenderer {
  static final String NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
  static final String MOTTO = "Độc lập - Tự do - Hạnh phúc";

  private static final float LEFT =
      70; // ~25 mm: the decree's left margin is 30-35 mm, on screen 25 reads better
  private static final float RIGHT = 45;
  private static final float TOP = 50;
  private static final float BOTTOM = 70; // room for the footer

  private final PDDocument pdf = new PDDocument();
  private final PDFont serif;
  private final PDFont serifBold;
  private final PDFont serifItalic;
  private final PDFont serifBoldItalic;
  private final PDFont sans;
  private final PDFont sansBold;
  private PDPage page;
  private PDPageContentStream content;
  private float y;

  private PdfRenderer() {
    serif = font(Fonts.SERIF);
    serifBold = font(Fonts.SERIF_BOLD);
    serifItalic = font(Fonts.SERIF_ITALIC);
    serifBoldItalic = font(Fonts.SERIF_BOLD_ITALIC);
    sans = font(Fonts.SANS_CONDENSED);
    sansBold = font(Fonts.SANS_CONDENSED_BOLD);
  }

  public static byte[] render(ReportDocument document) {
    synchronized (Fonts.LOCK) {
      return renderLocked(document);
    }
  }

  private static byte[] renderLocked(ReportDocument document) {
    PdfRenderer renderer = new PdfRenderer();
    try {
      return renderer.draw(document);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the PDF of " + document.reportId() + ": " + e.getMessage(), e);
    } finally {
      try {
        renderer.pdf.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }

  private PDFont font(String file) {
    try {
      return PDType0Font.load(pdf, Fonts.trueType(file), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private float width() {
    return PDRectangle.A4.getWidth() - LEFT - RIGHT;
  }

  private byte[] draw(ReportDocument document) throws IOException {
    newPage();
    header(document);
    for (Block block : document.blocks()) {
      if (block instanceof Heading heading) {
        space(8);
        ensure(40);
        paragraph(heading.text(), serifBold, 11.5f, 0);
        space(2);
      } else if (block instanceof Paragraph paragraph) {
        paragraph(paragraph.text(), serif, 11f, 20);
        space(3);
      } else if (block instanceof Table table) {
        table(table);
      } else if (block instanceof Chart chart) {
        chart(chart);
      }
    }
    closing(document);
    content.close();
    footers(document);
    metadata(document);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pdf.save(out);
    return out.toByteArray();
  }

  private void header(ReportDocument document) throws IOException {
    float half = width() / 2;
    float leftCentre = LEFT + half * 0.42f;
    float rightCentre = LEFT + half + half * 0.55f;
    float top = y;
    float left = top;
    if (document.parentBody() != null) {
      centred(document.parentBody(), serif, 11f, leftCentre, left);
      left -= 14;
    }
    centred(document.issuingBody(), serifBold, 11f, leftCentre, left);
    left -= 4;
    rule(leftCentre - 30, leftCentre + 30, left);
    left -= 16;
    centred(document.number(), serif, 11f, leftCentre, left);
    float right = top;
    centred(NATIONAL_TITLE, serifBold, 10.5f, rightCentre, right);
    right -= 15;
    centred(MOTTO, serifBold, 11.5f, rightCentre, right);
    right -= 4;
    float motto = serifBold.getStringWidth(MOTTO) / 1000 * 11.5f;
    rule(rightCentre - motto / 2, rightCentre + motto / 2, right);
    right -= 18;
    centred(document.placeAndDate(), serifItalic, 11f, rightCentre, right);
    y = Math.min(left, right) - 34;
    centred(document.title(), serifBold, 14f, LEFT + width() / 2, y);
    y -= 18;
    for (String line : wrap(document.subtitle(), serifBold, 12f, width() - 60)) {
      centred(line, serifBold, 12f, LEFT + width() / 2, y);
      y -= 16;
    }
    y -= 10;
    String to = "Kính gửi: " + document.addressee() + ".";
    centred(to, serif, 12f, LEFT + width() / 2, y);
    y -= 22;
  }

  private void closing(ReportDocument document) throws IOException {
    space(14);
    int lines = document.distribution().size() + 1;
    ensure(Math.max(lines * 13 + 10, 110));
    float top = y;
    text("Nơi nhận:", serifBoldItalic, 10.5f, LEFT, top);
    float left = top - 13;
    for (int i = 0; i < document.distribution().size(); i++) {
      String item =
          "- "
              + document.distribution().get(i)
              + (i == document.distribution().size() - 1 ? "." : ";");
      text(item, serif, 10f, LEFT, left);
      left -= 12;
    }
    float centre = LEFT + width() * 0.72f;
    float right = top;
    if (document.signerCapacity() != null) {
      centred(document.signerCapacity(), serifBold, 11.5f, centre, right);
      right -= 15;
    }
    if (document.signerTitle() != null) {
      centred(document.signerTitle(), serifBold, 11.5f, centre, right);
      right -= 15;
    }
    centred("(Báo cáo lập tự động từ kho dữ liệu Đề án 06)", serifItalic, 9.5f, centre, right);
    right -= 60;
    if (document.signerName() != null) {
      centred(document.signerName(), serifBold, 11.5f, centre, right);
      right -= 15;
    }
    y = Math.min(left, right);
  }

  private void table(Table table) throws IOException {
    space(4);
    ensure(60);
    paragraph(table.title(), serifBoldItalic, 10.5f, 0);
    space(2);
    float total = 0;
    for (Column column : table.columns()) {
      total += column.width();
    }
    float[] widths = new float[table.columns().size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = width() * table.columns().get(i).width() / total;
    }
    List<String> headers = table.columns().stream().map(Column::header).toList();
    row(headers, widths, sansBold, 8.5f, null, true);
    if (table.rows().isEmpty()) {
      List<String> empty = new ArrayList<>();
      for (int i = 0; i < widths.length; i++) {
        empty.add(i == 0 ? "(không có)" : "");
      }
      row(empty, widths, sans, 8.5f, null, false);
    }
    for (List<Object> cells : table.rows()) {
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < cells.size(); i++) {
        texts.add(Formats.cell(cells.get(i), table.columns().get(i).type()));
      }
      if (y - 14 < BOTTOM) {
        newPage();
        row(headers, widths, sansBold, 8.5f, null, true);
      }
      row(texts, widths, sans, 8.5f, table.columns(), false);
    }
    space(6);
  }

  private void row(
      List<String> texts,
      float[] widths,
      PDFont font,
      float size,
      List<Column> columns,
      boolean header)
      throws IOException {
    List<List<String>> wrapped = new ArrayList<>();
    int lines = 1;
    for (int i = 0; i < texts.size(); i++) {
      List<String> cell = wrap(texts.get(i), font, size, widths[i] - 6);
      wrapped.add(cell);
      lines = Math.max(lines, cell.size());
    }
    float height = lines * (size + 2.5f) + 5;
    ensure(height);
    float x = LEFT;
    if (header) {
      content.setNonStrokingColor(0.92f, 0.92f, 0.92f);
      content.addRect(LEFT, y - height, width(), height);
      content.fill();
      content.setNonStrokingColor(0f, 0f, 0f);
    }
    content.setLineWidth(0.5f);
    for (int i = 0; i < texts.size(); i++) {
      content.addRect(x, y - height, widths[i], height);
      content.stroke();
      boolean number = columns != null && columns.get(i).type() != ColumnType.TEXT;
      float lineY = y - size - 2;
      for (String line : wrapped.get(i)) {
        float textWidth = font.getStringWidth(line) / 1000 * size;
        float textX =
            number
                ? x + widths[i] - 3 - textWidth
                : header ? x + (widths[i] - textWidth) / 2 : x + 3;
        text(line, font, size, textX, lineY);
        lineY -= size + 2.5f;
      }
      x += widths[i];
    }
    y -= height;
  }

  private void chart(Chart chart) throws IOException {
    if (chart.categories().isEmpty()) {
      return;
    }
    float height = 230;
    space(6);
    ensure(height + 30);
    paragraph(chart.title(), serifBoldItalic, 10.5f, 0);
    BufferedImage image = ChartImages.render(chart, 1000, (int) (1000 * height / width()));
    PDImageXObject picture = LosslessFactory.createFromImage(pdf, image);
    content.drawImage(picture, LEFT, y - height, width(), height);
    y -= height + 8;
  }

  private void footers(ReportDocument document) throws IOException {
    int count = pdf.getNumberOfPages();
    for (int index = 0; index < count; index++) {
      PDPage each = pdf.getPage(index);
      try (PDPageContentStream footer =
          new PDPageContentStream(pdf, each, PDPageContentStream.AppendMode.APPEND, true)) {
        PDPageContentStream saved = content;
        content = footer;
        float lineY = BOTTOM - 22;
        content.setLineWidth(0.5f);
        content.moveTo(LEFT, BOTTOM - 10);
        content.lineTo(LEFT + width(), BOTTOM - 10);
        content.stroke();
        for (String line : wrap(document.footer(), sans, 7.5f, width() - 60)) {
          text(line, sans, 7.5f, LEFT, lineY);
          lineY -= 9.5f;
        }
        String pageText = "Trang " + (index + 1) + "/" + count;
        text(
            pageText,
            sans,
            7.5f,
            LEFT + width() - sans.getStringWidth(pageText) / 1000 * 7.5f,
            BOTTOM - 22);
        content = saved;
      }
    }
  }

  private void metadata(ReportDocument document) {
    Instant created = Instant.parse(document.createdAt());
    Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone(Certifier.ZONE));
    calendar.setTimeInMillis(created.toEpochMilli());
    PDDocumentInformation info = pdf.getDocumentInformation();
    info.setTitle(document.title() + " " + document.subtitle());
    info.setAuthor(document.issuingBody());
    info.setSubject(document.certification().label() + " · " + document.reportId());
    info.setCreator("ĐA06 reports");
    info.setProducer("Apache PDFBox");
    info.setCreationDate(calendar);
    info.setModificationDate(calendar);
    byte[] id = sha256(document.reportId() + "|" + document.createdAt());
    byte[] first = java.util.Arrays.copyOf(id, 16);
    COSArray ids = new COSArray();
    ids.add(new COSString(first));
    ids.add(new COSString(first));
    pdf.getDocument().getTrailer().setItem(COSName.ID, ids);
  }

  // ------------------------------------------------------------------------------------------------ drawing

  private void newPage() throws IOException {
    if (content != null) {
      content.close();
    }
    page = new PDPage(PDRectangle.A4);
    pdf.addPage(page);
    content = new PDPageContentStream(pdf, page);
    y = PDRectangle.A4.getHeight() - TOP;
  }

  private void ensure(float height) throws IOException {
    if (y - height < BOTTOM) {
      newPage();
    }
  }

  private void space(float points) {
    y -= points;
  }

  private void paragraph(String text, PDFont font, float size, float indent) throws IOException {
    List<String> lines = wrap(text, font, size, width() - indent);
    for (int i = 0; i < lines.size(); i++) {
      ensure(size + 4);
      text(lines.get(i), font, size, LEFT + (i == 0 ? indent : 0), y - size);
      y -= size + 4;
    }
  }

  private void text(String text, PDFont font, float size, float x, float baseline)
      throws IOException {
    content.beginText();
    content.setFont(font, size);
    content.newLineAtOffset(x, baseline);
    content.showText(text);
    content.endText();
  }

  private void centred(String text, PDFont font, float size, float centre, float baseline)
      throws IOException {
    float textWidth = font.getStringWidth(text) / 1000 * size;
    text(text, font, size, centre - textWidth / 2, baseline);
  }

  private void rule(float from, float to, float at) throws IOException {
    content.setLineWidth(0.6f);
    content.moveTo(from, at);
    content.lineTo(to, at);
    content.stroke();
  }

  private static List<String> wrap(String text, PDFont font, float size, float width)
      throws IOException {
    List<String> lines = new ArrayList<>();
    for (String paragraph : text.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.split(" ")) {
        String candidate = line.isEmpty() ? word : line + " " + word;
        if (font.getStringWidth(candidate) / 1000 * size <= width || line.isEmpty()) {
          line.setLength(0);
          line.append(candidate);
        } else {
          lines.add(line.toString());
          line.setLength(0);
          line.append(word);
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
