package vn.da06.dashboard.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An append-only JSON-lines log of logins, failed logins, refusals and exports. It never holds a
 * password or a token.
 */
public final class AuditLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  public AuditLog(Path file) {
    this.file = file;
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create the folder of audit log " + file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  /**
   * The last entries of the log (at most its last 1 MB), oldest first; lines that are not JSON are
   * skipped.
   */
  @SuppressWarnings("unchecked")
  public synchronized java.util.List<Map<String, Object>> tail() {
    java.util.List<Map<String, Object>> entries = new java.util.ArrayList<>();
    if (!Files.exists(file)) {
      return entries;
    }
    try (java.io.RandomAccessFile in = new java.io.RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(0, in.length() - 1_048_576);
      byte[] bytes = new byte[(int) (in.length() - start)];
      in.seek(start);
      in.readFully(bytes);
      String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
      for (int i = start == 0 ? 0 : 1; i < lines.length; i++) {
        try {
          entries.add(JSON.readValue(lines[i], Map.class));
        } catch (IOException e) {
          // a line cut by the 1 MB window or written by hand: skipped
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read audit log " + file + ": " + e.getMessage(), e);
    }
    return entries;
  }

  public synchronized void record(
      String event, String user, String ip, Map<String, Object> details) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("ts", Instant.now().toString());
    line.put("event", event);
    line.put("user", user);
    line.put("ip", ip);
    line.putAll(details);
    try {
      Files.writeString(
          file,
          JSON.writeValueAsString(line) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write audit log " + file + ": " + e.getMessage(), e);
    }
  }
}
