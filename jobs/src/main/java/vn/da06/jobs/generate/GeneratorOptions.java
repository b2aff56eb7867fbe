package vn.da06.jobs.generate;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.YearMonth;

/**
 * What the sample-feed generator writes.
 *
 * @param out the inbox folder: one sub-folder per feed, and {@code _manifest/} with the expected
 *     figures
 * @param provinceCode post-reform (current) 2-digit province code whose real communes are used
 * @param from first month of data (inclusive)
 * @param to last month of data (inclusive); nothing is dated after its last second
 * @param scale 1.0 is about 40,000 residents for the whole province; the other feeds follow
 * @param seed output is byte-identical for the same seed and options, whatever the thread count
 * @param threads worker threads
 * @param snapshots which month ends get a population snapshot; {@link Snapshots#QUARTERLY} (the
 *     default) repeats every resident each quarter, the others keep population records proportional
 *     to applications
 * @param dossierFactor multiplies each resident's monthly chance of a service dossier (1.0 = the
 *     default mix, about 1.6 dossiers per application; 1.23 gives the national 2 : 1)
 */
public record GeneratorOptions(
    Path out,
    String provinceCode,
    YearMonth from,
    YearMonth to,
    double scale,
    long seed,
    int threads,
    Snapshots snapshots,
    double dossierFactor) {

  /** Population snapshot dates. */
  public enum Snapshots {
    /**
     * Every quarter's end and the last month (the default: the dashboard's quarterly data-quality
     * trend).
     */
    QUARTERLY,
    /**
     * Every December and the last month: one record per resident per year, as the national feed.
     */
    YEARLY,
    /** The last month only. */
    LATEST
  }

  public static final String DEFAULT_PROVINCE = "20";
  public static final YearMonth DEFAULT_FROM = YearMonth.of(2022, 3);
  public static final YearMonth DEFAULT_TO = YearMonth.of(2026, 10);
  public static final double DEFAULT_SCALE = 1.0;
  public static final long DEFAULT_SEED = 7;

  /** Residents of the whole province at scale 1.0. */
  public static final int RESIDENTS_AT_SCALE_ONE = 40_000;

  public GeneratorOptions {
    requireNonNull(out, "out is null");
    requireNonNull(provinceCode, "provinceCode is null");
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    if (!provinceCode.matches("\\d{2}")) {
      throw new IllegalArgumentException("province code is not 2 digits: '" + provinceCode + "'");
    }
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from " + from + " is after to " + to);
    }
    if (from.isBefore(YearMonth.of(2000, 1)) || to.isAfter(YearMonth.of(2099, 12))) {
      throw new IllegalArgumentException(
          "months " + from + ".." + to + " are outside 2000-01..2099-12");
    }
    if (!(scale > 0) || scale > 10_000) {
      throw new IllegalArgumentException("scale must be > 0 and ≤ 10000: " + scale);
    }
    requireNonNull(snapshots, "snapshots is null");
    if (!(dossierFactor > 0) || dossierFactor > 30) {
      throw new IllegalArgumentException("dossier factor must be > 0 and ≤ 30: " + dossierFactor);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be ≥ 1: " + threads);
    }
  }

  /** Quarterly snapshots, the default dossier mix. */
  public GeneratorOptions(
      Path out,
      String provinceCode,
      YearMonth from,
      YearMonth to,
      double scale,
      long seed,
      int threads) {
    this(out, provinceCode, from, to, scale, seed, threads, Snapshots.QUARTERLY, 1.0);
  }

  /** The defaults, writing into {@code out}. */
  public static GeneratorOptions defaults(Path out) {
    return new GeneratorOptions(
        out,
        DEFAULT_PROVINCE,
        DEFAULT_FROM,
        DEFAULT_TO,
        DEFAULT_SCALE,
        DEFAULT_SEED,
        Runtime.getRuntime().availableProcessors());
  }

  public GeneratorOptions withOut(Path newOut) {
    return new GeneratorOptions(
        newOut, provinceCode, from, to, scale, seed, threads, snapshots, dossierFactor);
  }

  public GeneratorOptions withScale(double newScale) {
    return new GeneratorOptions(
        out, provinceCode, from, to, newScale, seed, threads, snapshots, dossierFactor);
  }

  public GeneratorOptions withThreads(int newThreads) {
    return new GeneratorOptions(
        out, provinceCode, from, to, scale, seed, newThreads, snapshots, dossierFactor);
  }

  public GeneratorOptions withMonths(YearMonth newFrom, YearMonth newTo) {
    return new GeneratorOptions(
        out, provinceCode, newFrom, newTo, scale, seed, threads, snapshots, dossierFactor);
  }

  public GeneratorOptions withSnapshots(Snapshots newSnapshots) {
    return new GeneratorOptions(
        out, provinceCode, from, to, scale, seed, threads, newSnapshots, dossierFactor);
  }

  public GeneratorOptions withDossierFactor(double newFactor) {
    return new GeneratorOptions(
        out, provinceCode, from, to, scale, seed, threads, snapshots, newFactor);
  }
}
