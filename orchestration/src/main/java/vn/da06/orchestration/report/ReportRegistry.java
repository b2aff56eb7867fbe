package vn.da06.orchestration.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import vn.da06.goldread.ops.OpsFiles;
import vn.da06.goldread.ops.ReportRecord;
import vn.da06.goldread.ops.ReportsRead;

/**
 * {@code ops.reports}: one JSON line per report in {@code <warehouse>/ops/reports.jsonl}, appended
 * under a file lock and forced to disk. A JSON-lines file rather than a Delta table because the
 * report path has no Spark and Delta Kernel's write path needs hand-built column batches for what
 * is a few lines a month (docs/reports.md). The line's format ({@link ReportRecord}, {@link
 * OpsFiles}) and its reading ({@link ReportsRead}) are gold-read's, shared with the dashboard.
 */
public final class ReportRegistry {
  static final ObjectMapper JSON = OpsFiles.json();

  private final Path file;
  private final ReportsRead read;

  public ReportRegistry(Path warehouse) {
    this.file = OpsFiles.reports(warehouse);
    this.read = new ReportsRead(warehouse);
  }

  public Path file() {
    return file;
  }

  public List<ReportRecord> all() {
    try {
      return read.reports();
    } catch (IllegalStateException e) {
      throw new ReportException(e.getMessage(), e);
    }
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
