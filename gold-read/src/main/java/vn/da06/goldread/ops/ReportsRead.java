package vn.da06.goldread.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports made ({@code ops.reports}) and sent (the send ledger) of a warehouse, read from the
 * JSON-lines files the orchestration appends to ({@link OpsFiles}). No file yet: nothing made or
 * sent.
 */
public final class ReportsRead {
  private static final ObjectMapper JSON = OpsFiles.json();

  private final Path reports;
  private final Path mailLedger;

  public ReportsRead(Path warehouse) {
    this.reports = OpsFiles.reports(warehouse);
    this.mailLedger = OpsFiles.mailLedger(warehouse);
  }

  /**
   * Every report made, in the order made. A damaged line is an error (the registry is what {@code
   * regenerate} trusts).
   */
  public List<ReportRecord> reports() {
    List<ReportRecord> records = new ArrayList<>();
    List<String> lines = lines(reports);
    for (int number = 1; number <= lines.size(); number++) {
      String line = lines.get(number - 1);
      if (line.isBlank()) {
        continue;
      }
      try {
        records.add(JSON.readValue(line, ReportRecord.class));
      } catch (IOException e) {
        throw new IllegalStateException(
            "Cannot read "
                + reports
                + " line "
                + number
                + ": "
                + e.getMessage()
                + " (the line is damaged; restore the file from a backup or remove the line)",
            e);
      }
    }
    return records;
  }

  /**
   * Every line of the send ledger, oldest first. A damaged last line is skipped (torn by a crash
   * mid-write: the state before it stands); a damaged line before it is an error.
   */
  public List<MailLedgerEntry> mailLedger() {
    List<MailLedgerEntry> entries = new ArrayList<>();
    List<String> lines = lines(mailLedger);
    for (int number = 1; number <= lines.size(); number++) {
      String line = lines.get(number - 1);
      if (line.isBlank()) {
        continue;
      }
      try {
        entries.add(JSON.readValue(line, MailLedgerEntry.class));
      } catch (IOException e) {
        if (number == lines.size()) {
          continue;
        }
        throw new IllegalStateException(
            "Cannot read "
                + mailLedger
                + " line "
                + number
                + ": "
                + e.getMessage()
                + " (the ledger is damaged; restore it from a backup)",
            e);
      }
    }
    return entries;
  }

  /**
   * The state of every message and warning, by {@link MailLedgerEntry#key()}: its latest line, in
   * the order the keys first appeared.
   */
  public Map<String, MailLedgerEntry> deliveries() {
    Map<String, MailLedgerEntry> latest = new LinkedHashMap<>();
    for (MailLedgerEntry entry : mailLedger()) {
      latest.put(entry.key(), entry);
    }
    return latest;
  }

  public Path reportsFile() {
    return reports;
  }

  public Path mailLedgerFile() {
    return mailLedger;
  }

  private static List<String> lines(Path file) {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
