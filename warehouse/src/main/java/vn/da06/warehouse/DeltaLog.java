package vn.da06.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Delta table's latest version from its {@code _delta_log} listing: the highest commit file
 * ({@code 00000000000000000012.json}). Commit files are kept for the log retention (400 days here)
 * and the latest one is never removed, so the listing is the version without reading the log itself
 * — what the pipeline records after each write and what the dashboard compares with the data it
 * serves, every poll.
 */
public final class DeltaLog {
  private static final Pattern COMMIT = Pattern.compile("\\d{20}\\.json");

  private DeltaLog() {}

  /**
   * The highest commit version among these {@code _delta_log} file names, or -1 when none is a
   * commit.
   */
  public static long latestVersion(Stream<String> fileNames) {
    return fileNames
        .filter(name -> COMMIT.matcher(name).matches())
        .mapToLong(name -> Long.parseLong(name.substring(0, 20)))
        .max()
        .orElse(-1);
  }

  /**
   * The latest version of the table at {@code table} (a local folder), empty when it has no commit
   * yet.
   */
  public static OptionalLong latestVersion(Path table) {
    Path log = table.resolve("_delta_log");
    if (!Files.isDirectory(log)) {
      return OptionalLong.empty();
    }
    try (Stream<Path> files = Files.list(log)) {
      long latest = latestVersion(files.map(file -> file.getFileName().toString()));
      return latest < 0 ? OptionalLong.empty() : OptionalLong.of(latest);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list the Delta log of " + table + ": " + e.getMessage(), e);
    }
  }
}
