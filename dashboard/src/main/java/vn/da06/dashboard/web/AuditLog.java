package vn.da06.dashboard.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * An append-only JSON-lines log of sign-ins, refusals and reads of unit data (OWASP ASVS 7.1, 7.3).
 * It never holds a password or a token, and an attacker cannot flood or poison it:
 *
 * <ul>
 *   <li>a user name is written only when it is a valid name (else {@code "invalid, N characters"});
 *       callers pass a typed name only when it is a known user ({@link #typedName});
 *   <li>every text field is cut to {@value #MAX_FIELD} characters and control characters are
 *       replaced;
 *   <li>an entry equal to the one before (event, user, address, details) within a minute is not
 *       written again: one line {@code "repeated": N} follows when something else happens or the
 *       minute ends;
 *   <li>reads through the JSON API are counted per user (token), unit and minute: one line per
 *       minute, not one per request, so the API keeps its throughput;
 *   <li>the file is created {@code 0600} and rotated at {@code maxBytes} ({@code audit.jsonl.1} …
 *       {@code .keep}).
 * </ul>
 */
public final class AuditLog implements AutoCloseable {
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
  public static final int DEFAULT_KEEP = 5;
  static final int MAX_FIELD = 200;
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
  private static final Pattern INVALID = Pattern.compile("invalid, \\d{1,10} characters");
  private static final Duration MERGE_WINDOW = Duration.ofMinutes(1);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path file;
  private final long maxBytes;
  private final int keep;
  private final Clock clock;
  private final Map<String, LongAdder> reads = new ConcurrentHashMap<>();
  private final ScheduledExecutorService flusher;
  private String lastKey;
  private Map<String, Object> lastLine;
  private Instant lastAt = Instant.EPOCH;
  private int repeats;

  public AuditLog(Path file) {
    this(file, DEFAULT_MAX_BYTES, DEFAULT_KEEP, Clock.systemUTC());
  }

  public AuditLog(Path file, long maxBytes, int keep, Clock clock) {
    this.file = file;
    this.maxBytes = maxBytes;
    this.keep = Math.max(1, keep);
    this.clock = clock;
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      if (Files.exists(file)) {
        ownerOnly(file); // a log written by an older version was 0644
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create the folder of audit log " + file + ": " + e.getMessage(), e);
    }
    flusher =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "audit-log-flush");
              thread.setDaemon(true);
              return thread;
            });
    flusher.scheduleWithFixedDelay(this::flushQuietly, 10, 10, TimeUnit.SECONDS);
  }

  public Path file() {
    return file;
  }

  /**
   * The name to log for a name someone typed: itself when it is a user's ({@code known}) and a
   * valid name, else only its length, so a password typed into the name field never lands in the
   * log.
   */
  public static String typedName(String typed, boolean known) {
    if (typed == null) {
      return null;
    }
    return known && NAME.matcher(typed).matches() ? typed : invalid(typed);
  }

  private static String invalid(String typed) {
    return "invalid, " + typed.length() + " characters";
  }

  /** A valid name, or what {@link #typedName} already made of an invalid one; else its length. */
  private static String loggable(String user) {
    return user == null || NAME.matcher(user).matches() || INVALID.matcher(user).matches()
        ? user
        : invalid(user);
  }

  public synchronized void record(
      String event, String user, String ip, Map<String, Object> details) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", bounded(event));
    line.put("user", loggable(user));
    line.put("ip", bounded(ip));
    details.forEach((key, value) -> line.put(String.valueOf(bounded(key)), bounded(value)));
    String key;
    try {
      key = JSON.writeValueAsString(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Instant now = clock.instant();
    if (key.equals(lastKey) && Duration.between(lastAt, now).compareTo(MERGE_WINDOW) < 0) {
      repeats++;
      return;
    }
    flushRepeats();
    Map<String, Object> written = new LinkedHashMap<>();
    written.put("ts", now.toString());
    written.putAll(line);
    write(written);
    lastKey = key;
    lastLine = line;
    lastAt = now;
  }

  /**
   * One read of a unit's data through the API: counted, written as one line per user, unit and
   * minute ({@code api_read}, {@code "requests": N}).
   */
  public void countRead(String user, String unit) {
    Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    reads.computeIfAbsent(minute + "|" + user + "|" + unit, k -> new LongAdder()).increment();
  }

  /** Writes what is pending: repeats, and API counts of minutes that have ended. */
  public synchronized void flush() {
    flushRepeats();
    Instant current = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    flushReads(current);
  }

  private synchronized void flushReads(Instant before) {
    List<String> done = new ArrayList<>();
    for (String key : reads.keySet()) {
      if (Instant.parse(key.substring(0, key.indexOf('|'))).isBefore(before)) {
        done.add(key);
      }
    }
    done.sort(Comparator.naturalOrder());
    for (String key : done) {
      LongAdder count = reads.remove(key);
      String[] parts = key.split("\\|", 3);
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("ts", Instant.parse(parts[0]).plus(Duration.ofMinutes(1)).toString());
      line.put("event", "api_read");
      line.put("user", loggable(parts[1]));
      line.put("unit", bounded(parts[2]));
      line.put("minute", parts[0]);
      line.put("requests", count.sum());
      write(line);
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(AuditLog.class)
          .warn("Cannot write audit log {}: {}", file, e.getMessage());
    }
  }

  private void flushRepeats() {
    if (repeats > 0 && lastLine != null) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("ts", clock.instant().toString());
      line.putAll(lastLine);
      line.put("repeated", repeats);
      write(line);
      lastKey = null; // the next equal entry starts a new count
    }
    repeats = 0;
  }

  @Override
  public void close() {
    flusher.shutdownNow();
    synchronized (this) {
      flushRepeats();
      flushReads(Instant.MAX);
    }
  }

  /**
   * The latest {@code perUser} entries of each of {@code users}, newest first, from the log and its
   * rotated files.
   */
  @SuppressWarnings("unchecked")
  public synchronized List<Map<String, Object>> latest(Set<String> users, int perUser) {
    flush();
    Map<String, Integer> found = new HashMap<>();
    List<Map<String, Object>> entries = new ArrayList<>();
    for (int i = 0; i <= keep; i++) {
      Path part = i == 0 ? file : rotated(i);
      if (!Files.exists(part)) {
        continue;
      }
      List<String> lines;
      try {
        lines = Files.readAllLines(part, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read audit log " + part + ": " + e.getMessage(), e);
      }
      for (int j = lines.size() - 1; j >= 0; j--) {
        if (!ofOneOf(lines.get(j), users)) {
          continue; // another user's, or anonymous: not parsed
        }
        Map<String, Object> entry;
        try {
          entry = JSON.readValue(lines.get(j), Map.class);
        } catch (IOException e) {
          continue; // written by hand, or cut by a crash
        }
        if (entry.get("user") instanceof String name && users.contains(name)) {
          int count = found.getOrDefault(name, 0);
          if (count < perUser) {
            entries.add(entry);
            found.put(name, count + 1);
          }
        }
      }
      if (found.values().stream().filter(count -> count >= perUser).count() == users.size()) {
        break;
      }
    }
    entries.sort(
        Comparator.comparing((Map<String, Object> entry) -> String.valueOf(entry.get("ts")))
            .reversed());
    return entries;
  }

  /** Whether a line's {@code "user"} is one of {@code users}, judged without parsing it. */
  private static boolean ofOneOf(String line, Set<String> users) {
    int at = line.indexOf("\"user\":\"");
    if (at < 0) {
      return false;
    }
    int start = at + "\"user\":\"".length();
    int end = line.indexOf('"', start);
    return end > start && users.contains(line.substring(start, end));
  }

  /** Every entry of the current file, oldest first (tests and tools). */
  @SuppressWarnings("unchecked")
  public synchronized List<Map<String, Object>> tail() {
    flush();
    List<Map<String, Object>> entries = new ArrayList<>();
    if (!Files.exists(file)) {
      return entries;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        try {
          entries.add(JSON.readValue(line, Map.class));
        } catch (IOException e) {
          // not JSON: skipped
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read audit log " + file + ": " + e.getMessage(), e);
    }
    return entries;
  }

  private void write(Map<String, Object> line) {
    try {
      byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
      if (Files.exists(file) && Files.size(file) + bytes.length > maxBytes) {
        rotate();
      }
      if (!Files.exists(file)) {
        create(file);
      }
      Files.write(file, bytes, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write audit log " + file + ": " + e.getMessage(), e);
    }
  }

  private void rotate() throws IOException {
    Files.deleteIfExists(rotated(keep));
    for (int i = keep - 1; i >= 1; i--) {
      if (Files.exists(rotated(i))) {
        Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
  }

  private Path rotated(int i) {
    return file.resolveSibling(file.getFileName() + "." + i);
  }

  private static void create(Path path) throws IOException {
    try {
      Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (UnsupportedOperationException e) {
      Files.createFile(path); // not a POSIX file system
    }
    ownerOnly(path); // the umask may have taken bits away, never added: set exactly
  }

  private static void ownerOnly(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, OWNER_ONLY);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
  }

  /** A value as it may be logged: numbers and booleans as they are, text bounded and cleaned. */
  static Object bounded(Object value) {
    if (value == null || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    String text = String.valueOf(value);
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_FIELD + 32));
    int limit = Math.min(text.length(), MAX_FIELD);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    if (text.length() > MAX_FIELD) {
      out.append("… (").append(text.length()).append(" characters)");
    }
    return out.toString();
  }
}
