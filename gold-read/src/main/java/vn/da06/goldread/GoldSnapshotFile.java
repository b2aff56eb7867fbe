package vn.da06.goldread;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.da06.warehouse.Tables;

/**
 * The {@link GoldSnapshot} file a {@link DeltaKpiStore} keeps: read at its first load and trusted
 * only when its key equals the tables' latest versions, rewritten in the background after each load
 * from the tables, its unfinished writes of a stopped server deleted. A store without one ({@code
 * file} null) reads and writes nothing.
 */
final class GoldSnapshotFile {
  private static final Logger LOG = LoggerFactory.getLogger(GoldSnapshotFile.class);

  private final Path file;
  private final String warehouse;
  private final Executor background;

  GoldSnapshotFile(Path file, String warehouse, Executor background) {
    this.file = file == null ? null : file.toAbsolutePath().normalize();
    this.warehouse = warehouse;
    this.background = background;
  }

  /** The snapshot's contents, read on the background threads; empty when there is none to read. */
  CompletableFuture<Optional<GoldSnapshot.Contents>> readAsync() {
    if (file == null || !Files.exists(file)) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return CompletableFuture.supplyAsync(this::read, background);
  }

  /** The contents, or empty (with a WARN when the file is there but unusable). */
  private Optional<GoldSnapshot.Contents> read() {
    long started = System.nanoTime();
    try {
      GoldSnapshot.Contents contents = GoldSnapshot.read(file);
      LOG.info("gold snapshot {} read in {} ms", file, (System.nanoTime() - started) / 1_000_000);
      return Optional.of(contents);
    } catch (GoldSnapshot.Unusable e) {
      LOG.warn(
          "Ignoring the gold snapshot: {} (reading the tables instead; the snapshot is rewritten after)",
          e.getMessage());
      return Optional.empty();
    }
  }

  /** The gold of the snapshot read when its key equals {@code latest}; empty otherwise. */
  Optional<InMemoryGold> goldAt(
      Optional<GoldSnapshot.Contents> snapshotRead, Map<String, Long> latest) {
    if (snapshotRead.isEmpty()) {
      return Optional.empty();
    }
    GoldSnapshot.Contents contents = snapshotRead.get();
    if (!contents.warehouse().equals(warehouse)
        || !contents.version().tableVersions().equals(latest)) {
      LOG.info(
          "gold snapshot {} is of {} versions {}, the tables are at {}: reading the tables",
          file,
          contents.warehouse(),
          contents.version().tableVersions(),
          latest);
      return Optional.empty();
    }
    long started = System.nanoTime();
    InMemoryGold gold =
        InMemoryGold.fromTables(
            contents.version(),
            contents.tables(),
            contents.kpis().getOrDefault(Tables.WARD_MONTH_KPIS, List.of()),
            contents.kpis().getOrDefault(Tables.WARD_MONTH_KPIS_CURRENT, List.of()));
    LOG.info(
        "gold loaded from snapshot {}: version {} (after the snapshot's read: indexes {} ms; tables {})",
        file,
        contents.version().version(),
        (System.nanoTime() - started) / 1_000_000,
        latest);
    return Optional.of(gold);
  }

  /**
   * The temporary files of snapshot writes a stopped server left behind, deleted (they are never
   * read).
   */
  void removeLeftovers() {
    if (file == null) {
      return;
    }
    try {
      int removed = GoldSnapshot.removeLeftovers(file);
      if (removed > 0) {
        LOG.info(
            "deleted {} unfinished gold snapshot file(s) next to {}, left by a server stopped while it wrote"
                + " one",
            removed,
            file);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "Cannot delete unfinished gold snapshot files next to {}: {} (delete {}*.tmp by hand)",
          file,
          e.toString(),
          file);
    }
  }

  /**
   * Writes {@code contents} on the background threads; the future is done when it is written or
   * could not be (a WARN: the next start reads the tables).
   */
  CompletableFuture<Void> write(GoldSnapshot.Contents contents) {
    if (file == null) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.runAsync(
        () -> {
          long started = System.nanoTime();
          try {
            GoldSnapshot.write(file, contents);
            LOG.info(
                "gold snapshot written to {} ({} bytes, {} ms)",
                file,
                Files.size(file),
                (System.nanoTime() - started) / 1_000_000);
          } catch (IOException | RuntimeException e) {
            LOG.warn(
                "Cannot write the gold snapshot {}: {} (the next start reads the tables)",
                file,
                e.toString());
          }
        },
        background);
  }
}
