package vn.da06.jobs.generate;

import java.util.SplittableRandom;

/**
 * Random streams derived from the seed and a few coordinates (feed, unit, person, month), so that
 * every piece of output depends only on the seed and its own coordinates, never on thread
 * scheduling.
 */
final class Rng {
  private Rng() {}

  static SplittableRandom of(long seed, long... coordinates) {
    return new SplittableRandom(mix(seed, coordinates));
  }

  static long mix(long seed, long... coordinates) {
    long hash = scramble(seed + 0x632BE59BD9B4E019L);
    for (long coordinate : coordinates) {
      hash = scramble(hash ^ scramble(coordinate + 0x9E3779B97F4A7C15L));
    }
    return hash;
  }

  /** A stable number for a code such as a ward code. */
  static long code(String code) {
    long hash = 1125899906842597L;
    for (int i = 0; i < code.length(); i++) {
      hash = 31 * hash + code.charAt(i);
    }
    return hash;
  }

  private static long scramble(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static double uniform(SplittableRandom random, double low, double high) {
    return low + (high - low) * random.nextDouble();
  }

  /** Running sums of {@code weights}, for {@link #pick}. */
  static double[] cumulative(double... weights) {
    double[] result = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      result[i] = sum;
    }
    return result;
  }

  /**
   * An index drawn with probability proportional to its weight: the first whose running sum exceeds
   * u.
   */
  static int pick(SplittableRandom random, double[] cumulative) {
    double u = random.nextDouble() * cumulative[cumulative.length - 1];
    int index = java.util.Arrays.binarySearch(cumulative, u);
    return Math.min(index < 0 ? -index - 1 : index + 1, cumulative.length - 1);
  }
}
