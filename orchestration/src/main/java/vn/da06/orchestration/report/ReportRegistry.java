package vn.da06.orchestration.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ops.reports}: one JSON line per report in {@code <warehouse>/ops/reports.jsonl}, appended
 * under a file lock and forced to disk. A JSON-lines file rather than a Delta table because the
 * report path has no Spark and Delta Kernel's write path needs hand-built column batches for what
 * is a few lines a month (docs/reports.md).
 */
public final class ReportRegistry {
  public static final String FILE = "reports.jsonl";
  static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .findAndRegisterModules()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false);

  private final Path file;

  public ReportRegistry(Path warehouse) {
    this.file = warehouse.resolve("ops").resolve(FILE);
  }

  public Path file() {
    return file;
  }

  public List<ReportRecord> all() {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<ReportRecord> records = new ArrayList<>();
    try {
      int lineNumber = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          records.add(JSON.readValue(line, ReportRecord.class));
        } catch (IOException e) {
          throw new ReportException(
              "Cannot read "
                  + file
                  + " line "
                  + lineNumber
                  + ": "
                  + e.getMessage()
                  + " (the line is damaged; restore the file from a backup or remove the line)");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    return records;
  }

  public Optional<ReportRecord> find(String reportId) {
    return all().stream().filter(record -> record.reportId().equals(reportId)).findFirst();
  }

  /**
   * The next số of a unit's reports in a year: the issuing body numbers its reports from 1 each
   * year.
   */
  public int nextNumber(String unitCode, int year) {
    return 1
        + (int)
            all().stream()
                .filter(
                    record ->
                        record.unitCode().equals(unitCode)
                            && record.createdAt().startsWith(year + "-"))
                .count();
  }

  /**
   * Appends the record unless a record with its id is there already (a report made twice is one
   * report).
   */
  public synchronized void append(ReportRecord record) {
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel channel =
              FileChannel.open(
                  file,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.APPEND);
          FileLock lock = channel.lock()) {
        if (find(record.reportId()).isPresent()) {
          return;
        }
        channel.write(
            ByteBuffer.wrap(
                (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
