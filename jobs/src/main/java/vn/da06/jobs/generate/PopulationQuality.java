package vn.da06.jobs.generate;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import vn.da06.warehouse.Metrics;

/**
 * The "đúng, đủ, sạch, sống" checks and the eligible population of one population snapshot, exactly
 * as {@code ../shared/contracts/warehouse.md} defines them (with the points the contract leaves
 * open settled the way the pipeline settles them). Applied to the rows the generator wrote, not to
 * its intentions.
 */
final class PopulationQuality {
  private PopulationQuality() {}

  static final int RECORDS = 0;
  static final int INCORRECT = 1;
  static final int INCOMPLETE = 2;
  static final int UNCLEAN = 3;
  static final int STALE = 4;
  static final int CLEAN = 5;

  /**
   * Per ward code: counts indexed by {@link #RECORDS}..{@link #CLEAN}; and the eligible population
   * per ward code.
   */
  record Result(Map<String, long[]> quality, Map<String, Long> eligible) {}

  static Result evaluate(List<PopulationRecord> rows, LocalDate snapshotDate) {
    Map<String, Integer> idCounts = new HashMap<>();
    Map<String, Set<String>> idsByNameKey = new HashMap<>();
    for (PopulationRecord row : rows) {
      if (!row.citizenId().isEmpty()) {
        idCounts.merge(row.citizenId(), 1, Integer::sum);
      }
      String key = nameKey(row);
      if (key != null) {
        idsByNameKey.computeIfAbsent(key, k -> new HashSet<>(2)).add(row.citizenId());
      }
    }
    Map<String, long[]> quality = new TreeMap<>();
    Map<String, String[]> eligibleWard = new HashMap<>();
    for (PopulationRecord row : rows) {
      long[] counts = quality.computeIfAbsent(row.wardCode(), k -> new long[6]);
      boolean incorrect = incorrect(row, snapshotDate);
      boolean incomplete = incomplete(row);
      String key = nameKey(row);
      boolean unclean =
          (!row.citizenId().isEmpty() && idCounts.get(row.citizenId()) > 1)
              || (key != null && idsByNameKey.get(key).size() > 1);
      boolean stale = stale(row, snapshotDate);
      counts[RECORDS]++;
      counts[INCORRECT] += incorrect ? 1 : 0;
      counts[INCOMPLETE] += incomplete ? 1 : 0;
      counts[UNCLEAN] += unclean ? 1 : 0;
      counts[STALE] += stale ? 1 : 0;
      counts[CLEAN] += incorrect || incomplete || unclean || stale ? 0 : 1;
      if (eligible(row, snapshotDate)) {
        boolean permanent = row.residenceType().equals("PERMANENT");
        String[] chosen = eligibleWard.get(row.citizenId());
        if (chosen == null
            || (permanent
                && (!chosen[1].equals("PERMANENT") || row.wardCode().compareTo(chosen[0]) < 0))
            || (!permanent
                && !chosen[1].equals("PERMANENT")
                && row.wardCode().compareTo(chosen[0]) < 0)) {
          eligibleWard.put(row.citizenId(), new String[] {row.wardCode(), row.residenceType()});
        }
      }
    }
    Map<String, Long> eligible = new TreeMap<>();
    for (String[] chosen : eligibleWard.values()) {
      eligible.merge(chosen[0], 1L, Long::sum);
    }
    return new Result(quality, eligible);
  }

  static boolean eligible(PopulationRecord row, LocalDate snapshotDate) {
    return !row.citizenId().isEmpty()
        && !row.deceased()
        && row.birthDate() != null
        && !row.birthDate().isAfter(snapshotDate)
        && Period.between(row.birthDate(), snapshotDate).getYears() >= Metrics.ELIGIBLE_AGE;
  }

  static boolean incorrect(PopulationRecord row, LocalDate snapshotDate) {
    String id = row.citizenId();
    LocalDate birth = row.birthDate();
    if (id.length() != 12 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return true;
    }
    int province = Integer.parseInt(id.substring(0, 3));
    if (province < 1 || province > 96) {
      return true;
    }
    if (birth != null) {
      int year = birth.getYear();
      boolean sexKnown = row.sex().equals("M") || row.sex().equals("F");
      if (sexKnown && year >= 1900 && year <= 2099) {
        int expected = (year >= 2000 ? 2 : 0) + (row.sex().equals("F") ? 1 : 0);
        if (id.charAt(3) - '0' != expected) {
          return true;
        }
      }
      if (Integer.parseInt(id.substring(4, 6)) != Math.floorMod(year, 100)) {
        return true;
      }
      return birth.isAfter(snapshotDate) || birth.isBefore(LocalDate.of(1900, 1, 1));
    }
    return false;
  }

  static boolean incomplete(PopulationRecord row) {
    return row.citizenId().isEmpty()
        || row.fullName().isEmpty()
        || row.birthDate() == null
        || row.sex().isEmpty()
        || row.residenceType().isEmpty();
  }

  static boolean stale(PopulationRecord row, LocalDate snapshotDate) {
    return row.lastVerifiedAt() == null
        || ChronoUnit.DAYS.between(row.lastVerifiedAt(), snapshotDate) > Metrics.STALE_AFTER_DAYS;
  }

  /** NFC, lower case (Locale.ROOT), runs of white space collapsed to one space, trimmed. */
  static String normaliseName(String name) {
    String lower = Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    StringBuilder collapsed = new StringBuilder(lower.length());
    boolean space = false;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (Character.isWhitespace(c)) {
        space = collapsed.length() > 0;
      } else {
        if (space) {
          collapsed.append(' ');
          space = false;
        }
        collapsed.append(c);
      }
    }
    return collapsed.toString();
  }

  private static String nameKey(PopulationRecord row) {
    if (row.fullName().isEmpty() || row.birthDate() == null) {
      return null;
    }
    return normaliseName(row.fullName()) + '\u0000' + row.birthDate() + '\u0000' + row.wardCode();
  }
}
