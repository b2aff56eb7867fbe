package vn.da06.orchestration.mail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The send ledger, {@code <warehouse>/ops/mail_ledger.jsonl}: one JSON line per state change of a
 * message keyed by (report id, recipient). PENDING (with the message's unique Message-ID) is forced
 * to disk before the SMTP transaction starts; SENT after the server accepted it. The latest line of
 * a key is its state.
 */
public final class MailLedger {
  public static final String FILE = "mail_ledger.jsonl";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * PENDING: about to be handed to the SMTP server (outcome unknown if the process died); FAILED:
   * the server refused or could not be reached, not accepted, may be retried; SENT: accepted.
   */
  public enum State {
    PENDING,
    FAILED,
    SENT
  }

  /**
   * One line: a message to one recipient of one report (or a warning, kind WARNING) and its state.
   */
  public record Entry(
      String reportId,
      String recipient,
      String kind,
      String messageId,
      State state,
      String at,
      String note) {
    String key() {
      return reportId + "\u0000" + recipient + "\u0000" + kind;
    }
  }

  private final Path file;

  public MailLedger(Path warehouse) {
    this.file = warehouse.resolve("ops").resolve(FILE);
  }

  public Path file() {
    return file;
  }

  public synchronized Optional<Entry> latest(String reportId, String recipient, String kind) {
    return Optional.ofNullable(current().get(reportId + "\u0000" + recipient + "\u0000" + kind));
  }

  /** The latest state of every key. */
  public synchronized Map<String, Entry> current() {
    Map<String, Entry> latest = new LinkedHashMap<>();
    for (Entry entry : entries()) {
      latest.put(entry.key(), entry);
    }
    return latest;
  }

  public synchronized List<Entry> entries() {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<Entry> entries = new ArrayList<>();
    try {
      int number = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          entries.add(JSON.readValue(line, Entry.class));
        } catch (IOException e) {
          if (number == countLines()) {
            continue; // a line torn by a crash mid-write: the state before it stands
          }
          throw new IllegalStateException(
              "Cannot read "
                  + file
                  + " line "
                  + number
                  + ": "
                  + e.getMessage()
                  + " (the ledger is damaged; restore it from a backup)");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    return entries;
  }

  private int countLines() throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).size();
  }

  /** Appends a line and forces it to disk before returning. */
  public synchronized void record(Entry entry) {
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
