package vn.da06.jobs.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads generated feed files the way the contract says a reader must: a plain, test-side reader.
 */
final class FeedFiles {
  private FeedFiles() {}

  /** One parsed file: its header as written, and rows keyed by lower-case column name. */
  record Parsed(Path file, boolean bom, List<String> header, List<Map<String, String>> rows) {}

  static List<Path> files(Path out, String folder) {
    try (Stream<Path> files = Files.list(out.resolve(folder))) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Parsed parse(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      byte[] bytes = in.readAllBytes();
      boolean bom =
          bytes.length >= 3
              && (bytes[0] & 0xFF) == 0xEF
              && (bytes[1] & 0xFF) == 0xBB
              && (bytes[2] & 0xFF) == 0xBF;
      String text =
          new String(bytes, bom ? 3 : 0, bytes.length - (bom ? 3 : 0), StandardCharsets.UTF_8);
      try (Reader reader = new java.io.StringReader(text);
          CSVParser parser =
              CSVFormat.RFC4180
                  .builder()
                  .setHeader()
                  .setSkipHeaderRecord(true)
                  .get()
                  .parse(reader)) {
        List<String> header = parser.getHeaderNames();
        List<Map<String, String>> rows = new ArrayList<>();
        for (CSVRecord record : parser) {
          if (record.size() != header.size()) {
            throw new IllegalStateException(
                file + " line " + record.getRecordNumber() + " has " + record.size() + " fields");
          }
          Map<String, String> row = new LinkedHashMap<>();
          for (int i = 0; i < header.size(); i++) {
            row.put(header.get(i).toLowerCase(Locale.ROOT), record.get(i));
          }
          rows.add(row);
        }
        return new Parsed(file, bom, header, rows);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Map<String, String>> rows(Path out, String folder) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Path file : files(out, folder)) {
      rows.addAll(parse(file).rows());
    }
    return rows;
  }

  /** {@code yyyy-MM-dd HH:mm:ss} or ISO with an optional +07:00; null if unparseable or empty. */
  static LocalDateTime timestamp(String value) {
    if (value.isEmpty()) {
      return null;
    }
    String text = value.endsWith("+07:00") ? value.substring(0, value.length() - 6) : value;
    try {
      return LocalDateTime.parse(text.replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** {@code yyyy-MM-dd} or {@code dd/MM/yyyy}; null if unparseable or empty. */
  static LocalDate date(String value) {
    if (value.isEmpty()) {
      return null;
    }
    try {
      return value.contains("/")
          ? LocalDate.parse(value, DateTimeFormatter.ofPattern("dd/MM/uuuu"))
          : LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
