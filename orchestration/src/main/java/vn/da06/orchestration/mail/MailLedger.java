package vn.da06.orchestration.mail;

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
import java.util.Map;
import java.util.Optional;
import vn.da06.goldread.ops.MailLedgerEntry;
import vn.da06.goldread.ops.OpsFiles;
import vn.da06.goldread.ops.ReportsRead;

/**
 * The send ledger, {@code <warehouse>/ops/mail_ledger.jsonl}: one JSON line per state change of a
 * message keyed by (report id, recipient, kind). PENDING (with the message's unique Message-ID) is
 * forced to disk before the SMTP transaction starts; SENT after the server accepted it. The latest
 * line of a key is its state. The line's format ({@link MailLedgerEntry}, {@link OpsFiles}) and its
 * reading ({@link ReportsRead}) are gold-read's, shared with the dashboard.
 */
public final class MailLedger {
  private static final ObjectMapper JSON = OpsFiles.json();

  private final Path file;
  private final ReportsRead read;

  public MailLedger(Path warehouse) {
    this.file = OpsFiles.mailLedger(warehouse);
    this.read = new ReportsRead(warehouse);
  }

  public Path file() {
    return file;
  }

  public synchronized Optional<MailLedgerEntry> latest(
      String reportId, String recipient, String kind) {
    return Optional.ofNullable(current().get(MailLedgerEntry.key(reportId, recipient, kind)));
  }

  /** The latest state of every key. */
  public synchronized Map<String, MailLedgerEntry> current() {
    return read.deliveries();
  }

  public synchronized List<MailLedgerEntry> entries() {
    return read.mailLedger();
  }

  /** Appends a line and forces it to disk before returning. */
  public synchronized void record(MailLedgerEntry entry) {
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel channel =
              FileChannel.open(
                  file,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.APPEND);
          FileLock lock = channel.lock()) {
        channel.write(
            ByteBuffer.wrap(
                (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
