package vn.da06.jobs.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.da06.warehouse.Feed;

/**
 * Reads one accepted inbox file into untyped rows with lineage (file, line). Personal data is
 * replaced as it is read: {@code citizen_id} by its keyed pseudonym and a few non-identifying facts
 * about its shape, {@code full_name} by the pseudonym of its normalised form. Nothing raw leaves
 * this class.
 */
public final class CsvRows {

  /**
   * RFC 4180 with the first line as the header. Empty lines are read as records (of one empty
   * value) and skipped here rather than by the reader, which skipped them inside the next record's
   * read: that record was then numbered by the first empty line before it instead of its own line.
   */
  static final CSVFormat FORMAT =
      CSVFormat.RFC4180
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setIgnoreEmptyLines(false)
          .setAllowMissingColumnNames(true)
          .setAllowDuplicateHeaderNames(true)
          .get();

  /** The records of a part after the first: the same rules, no header line. */
  private static final CSVFormat BODY =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

  private CsvRows() {}

  /** The untyped schema of a feed's rows as read: lineage, then the contract's columns as text. */
  public static StructType rawSchema(Feed feed) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("source_file", DataTypes.StringType, false));
    fields.add(DataTypes.createStructField("source_sha256", DataTypes.StringType, false));
    fields.add(DataTypes.createStructField("line_number", DataTypes.LongType, false));
    fields.add(DataTypes.createStructField("row_error", DataTypes.StringType, true));
    for (String column : feed.columns()) {
      switch (column) {
        case "citizen_id" -> {
          fields.add(DataTypes.createStructField("citizen_key", DataTypes.StringType, true));
          fields.add(DataTypes.createStructField("citizen_id_valid", DataTypes.BooleanType, false));
          if (feed == Feed.POPULATION) {
            fields.add(
                DataTypes.createStructField("citizen_id_prefix", DataTypes.StringType, true));
          }
        }
        case "full_name" ->
            fields.add(DataTypes.createStructField("full_name_key", DataTypes.StringType, true));
        default -> fields.add(DataTypes.createStructField(column, DataTypes.StringType, true));
      }
    }
    return DataTypes.createStructType(fields);
  }

  /** The header of a CSV file, split by the same RFC 4180 rules as its rows. */
  static List<String> splitHeader(String headerLine) {
    try (CSVParser parser = CSVParser.parse(headerLine, CSVFormat.RFC4180)) {
      List<CSVRecord> records = parser.getRecords();
      return records.isEmpty() ? List.of() : records.get(0).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Normalised full name as the "sạch" rule compares it: NFC, case-folded, single spaces. */
  public static String normaliseName(String name) {
    String nfc = Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    return SPACES.matcher(nfc.trim()).replaceAll(" ");
  }

  /**
   * Read tasks for a feed's files: their parts shared among a few tasks per core, not one per file
   * or part. Each task (and each bronze Parquet file it writes) costs a fixed setup, which at one
   * task per monthly file dominated a feed of small files.
   */
  public static List<List<InboxFile.Part>> tasks(List<InboxFile> files, int parallelism) {
    List<InboxFile.Part> parts = files.stream().flatMap(f -> f.parts().stream()).toList();
    return balance(parts, Math.max(1, Math.min(parts.size(), 2 * Math.max(1, parallelism))));
  }

  /**
   * A gzip CSV holds about this many times its size in text (the generator's monthly files: 2.6 MB
   * against ~15 MB).
   */
  private static final long GZIP_TEXT_RATIO = 6;

  /**
   * Parts shared among {@code count} tasks so that each reads about as much text: the largest part
   * first, each to the task with the least so far. Tasks of files in name order took a core idle
   * while the other read the last, largest months.
   */
  static List<List<InboxFile.Part>> balance(List<InboxFile.Part> parts, int count) {
    List<List<InboxFile.Part>> tasks = new ArrayList<>();
    long[] load = new long[count];
    for (int i = 0; i < count; i++) {
      tasks.add(new ArrayList<>());
    }
    List<InboxFile.Part> largestFirst = new ArrayList<>(parts);
    largestFirst.sort(java.util.Comparator.comparingLong(CsvRows::textBytes).reversed());
    for (InboxFile.Part part : largestFirst) {
      int least = 0;
      for (int i = 1; i < count; i++) {
        least = load[i] < load[least] ? i : least;
      }
      tasks.get(least).add(part);
      load[least] += textBytes(part);
    }
    tasks.removeIf(List::isEmpty);
    return tasks;
  }

  private static long textBytes(InboxFile.Part part) {
    return part.bytes() * (part.file().isGzip() ? GZIP_TEXT_RATIO : 1);
  }

  /** The rows of several parts, one after the other, each opened when the one before is read. */
  public static Iterator<Row> read(
      List<InboxFile.Part> parts, Pseudonymizer pseudonymizer, Configuration hadoop) {
    Iterator<InboxFile.Part> remaining = parts.iterator();
    return new Iterator<>() {
      private Iterator<Row> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && remaining.hasNext()) {
          current = read(remaining.next(), pseudonymizer, hadoop);
        }
        return current.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  /**
   * The rows of one part of a file, numbered by their line in the whole file. A part after the
   * first starts at a record boundary and reads the header from the file's first line. The iterator
   * streams: memory does not grow with the file.
   */
  public static Iterator<Row> read(
      InboxFile.Part part, Pseudonymizer pseudonymizer, Configuration hadoop) {
    InboxFile file = part.file();
    try {
      if (file.isExcel()) {
        return readExcel(file, pseudonymizer, hadoop);
      }
      List<String> header;
      CSVParser parser;
      if (part.start() == 0) {
        parser = CSVParser.parse(open(part, hadoop), FORMAT);
        header = parser.getHeaderNames();
      } else {
        try (CSVParser first =
            CSVParser.parse(open(new InboxFile.Part(file, 0, -1, 1), hadoop), FORMAT)) {
          header = first.getHeaderNames();
        }
        parser = CSVParser.parse(open(part, hadoop), BODY);
      }
      RowBuilder builder = new RowBuilder(file, pseudonymizer, header);
      Iterator<CSVRecord> records = parser.iterator();
      return new Iterator<>() {
        private Row next;

        @Override
        public boolean hasNext() {
          while (next == null) {
            long line = part.firstLine() + parser.getCurrentLineNumber();
            if (!records.hasNext()) {
              close(parser);
              return false;
            }
            String[] values = records.next().values();
            if (!(values.length == 1 && values[0].isEmpty())) { // an empty line
              next = builder.build(line, values);
            }
          }
          return true;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Row row = next;
          next = null;
          return row;
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file.name() + ": " + e.getMessage(), e);
    }
  }

  /** The text of a part: decompressed, without the BOM, ending where the part ends. */
  private static Reader open(InboxFile.Part part, Configuration hadoop) throws IOException {
    InboxFile file = part.file();
    Path path = new Path(file.uri());
    FSDataInputStream raw = path.getFileSystem(hadoop).open(path);
    InputStream bytes = raw;
    if (part.start() > 0 || part.end() >= 0) {
      raw.seek(part.start());
      bytes = BoundedInputStream.builder().setInputStream(raw).setMaxCount(part.bytes()).get();
    }
    InputStream content =
        new BufferedInputStream(
            file.isGzip() ? new GZIPInputStream(bytes, 1 << 16) : bytes, 1 << 16);
    if (part.start() == 0) {
      content.mark(3);
      if (!(content.read() == 0xEF && content.read() == 0xBB && content.read() == 0xBF)) {
        content.reset();
      }
    }
    return new InputStreamReader(content, StandardCharsets.UTF_8);
  }

  private static void close(CSVParser parser) {
    try {
      parser.close();
    } catch (IOException ignored) {
      // read to the end already
    }
  }

  private static Iterator<Row> readExcel(
      InboxFile file, Pseudonymizer pseudonymizer, Configuration hadoop) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = new Path(file.uri()).getFileSystem(hadoop).open(new Path(file.uri()));
        var workbook = org.apache.poi.ss.usermodel.WorkbookFactory.create(in)) {
      var sheet = workbook.getSheetAt(0);
      DataFormatter formatter = new DataFormatter(Locale.ROOT);
      List<String> header = new ArrayList<>();
      int first = sheet.getFirstRowNum();
      for (Cell cell : sheet.getRow(first)) {
        header.add(formatter.formatCellValue(cell));
      }
      RowBuilder builder = new RowBuilder(file, pseudonymizer, header);
      for (int r = first + 1; r <= sheet.getLastRowNum(); r++) {
        var row = sheet.getRow(r);
        if (row == null) {
          continue;
        }
        String[] values = new String[header.size()];
        boolean any = false;
        for (int c = 0; c < header.size(); c++) {
          Cell cell = row.getCell(c);
          values[c] = cell == null ? "" : excelText(cell, formatter);
          any |= !values[c].isEmpty();
        }
        if (any) {
          rows.add(builder.build(r + 1L, values));
        }
      }
    }
    return rows.iterator();
  }

  private static String excelText(Cell cell, DataFormatter formatter) {
    if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
        && DateUtil.isCellDateFormatted(cell)) {
      return cell.getLocalDateTimeCellValue().toLocalDate().toString();
    }
    if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC) {
      return java.math.BigDecimal.valueOf(cell.getNumericCellValue())
          .stripTrailingZeros()
          .toPlainString();
    }
    return formatter.formatCellValue(cell).trim();
  }

  /** Maps the file's header order onto the contract's column order and pseudonymises on the way. */
  private static final class RowBuilder {
    private final InboxFile file;
    private final Pseudonymizer pseudonymizer;
    private final List<String> columns;
    private final int[] positions;
    private final int headerSize;

    RowBuilder(InboxFile file, Pseudonymizer pseudonymizer, List<String> header) {
      this.file = file;
      this.pseudonymizer = pseudonymizer;
      this.columns = file.feed().columns();
      this.headerSize = header.size();
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        index.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
      }
      positions = new int[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        positions[i] = index.getOrDefault(columns.get(i), -1);
      }
    }

    Row build(long line, String[] values) {
      List<Object> out = new ArrayList<>(columns.size() + 8);
      out.add(file.name());
      out.add(file.sha256());
      out.add(line);
      out.add(
          values.length == headerSize
              ? null
              : "the row has " + values.length + " fields, the header has " + headerSize);
      for (int i = 0; i < columns.size(); i++) {
        String column = columns.get(i);
        int position = positions[i];
        String value = position >= 0 && position < values.length ? values[position].trim() : null;
        switch (column) {
          case "citizen_id" -> {
            boolean valid =
                value != null && value.length() == 12 && value.chars().allMatch(Character::isDigit);
            out.add(pseudonymizer.pseudonym(value));
            out.add(valid);
            if (file.feed() == Feed.POPULATION) {
              out.add(valid ? value.substring(0, 6) : null);
            }
          }
          case "full_name" ->
              out.add(
                  value == null || value.isEmpty()
                      ? null
                      : pseudonymizer.pseudonym(normaliseName(value)));
          default -> out.add(value);
        }
      }
      return RowFactory.create(out.toArray());
    }
  }
}
