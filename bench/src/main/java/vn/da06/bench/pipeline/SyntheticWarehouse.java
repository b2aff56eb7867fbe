package vn.da06.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.apache.spark.sql.SparkSession;
import vn.da06.bench.reference.SilverSynth;
import vn.da06.warehouse.admin.AdminUnitsLoader;

/**
 * A warehouse of synthetic silver under {@code data/bench/}, written once per size and reused while
 * complete.
 */
final class SyntheticWarehouse {

  private static final String MARKER = "synthetic-size.txt";

  private SyntheticWarehouse() {}

  /**
   * The warehouse folder holding {@code size}; written (seconds printed) unless a complete one of
   * that exact size is already there. {@code fresh} rewrites it anyway (a bench that changes it).
   */
  static Path ensure(SparkSession spark, Path folder, SilverSynth.Size size, boolean fresh)
      throws IOException {
    Path marker = folder.resolve(MARKER);
    if (!fresh && holds(folder, size)) {
      System.err.printf("bench: reusing synthetic silver %s (%,d rows)%n", folder, size.rows());
      return folder;
    }
    delete(folder);
    Files.createDirectories(folder);
    System.err.printf("bench: writing synthetic silver, %,d rows, into %s%n", size.rows(), folder);
    long start = System.nanoTime();
    new SilverSynth(spark, folder.toString(), AdminUnitsLoader.load(null)).write(size);
    System.err.printf(
        "bench: synthetic silver written in %.1f s%n", (System.nanoTime() - start) / 1e9);
    Files.writeString(marker, size.toString());
    return folder;
  }

  /** Whether {@code folder} holds complete synthetic silver of exactly {@code size}. */
  static boolean holds(Path folder, SilverSynth.Size size) throws IOException {
    Path marker = folder.resolve(MARKER);
    return Files.exists(marker) && Files.readString(marker).equals(size.toString());
  }

  /** Replaces {@code target} with a copy of {@code source}. */
  static void copy(Path source, Path target) throws IOException {
    delete(target);
    try (var walk = Files.walk(source)) {
      for (Path from : walk.toList()) {
        Path to = target.resolve(source.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
  }

  static void delete(Path folder) throws IOException {
    if (Files.exists(folder)) {
      try (var walk = Files.walk(folder)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
