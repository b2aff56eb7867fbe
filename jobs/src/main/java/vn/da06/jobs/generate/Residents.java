package vn.da06.jobs.generate;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import vn.da06.warehouse.admin.Ward;

/** A unit's residents: the people of each pre-reform ward and those born during the period. */
final class Residents extends UnitPart {

  private static final long TAG_PEOPLE = 1;
  private static final double NAMESAKE_IDS = 0.02;

  /**
   * Pre-2025 GSO province codes: the first 3 digits of a citizen id are one of these, zero-padded.
   */
  private static final int[] PROVINCES = {
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37,
    38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77,
    79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96
  };

  private final Map<Integer, Integer> idBuckets = new HashMap<>();

  Residents(UnitPart shared) {
    super(shared);
  }

  void createPeople() {
    long periodDays = plan.endDate.toEpochDay() - plan.startDate.toEpochDay() + 1;
    for (int home = 0; home < k; home++) {
      Ward old = unit.olds().get(home);
      SplittableRandom random = Rng.of(seed, TAG_PEOPLE, unit.index(), home);
      int residents = plan.residents(old.code());
      int births = (int) Math.round(residents * 0.013 * periodDays / 365.0);
      for (int i = 0; i < residents + births; i++) {
        people.add(
            newPerson(
                random, home, Integer.parseInt(old.provinceCode()), i >= residents, periodDays));
      }
    }
  }

  private Person newPerson(
      SplittableRandom random, int home, int province, boolean newborn, long periodDays) {
    Person p = new Person();
    p.index = people.size();
    p.home = home;
    p.male = random.nextBoolean();
    int age = newborn ? 0 : Ages.sample(random);
    p.birth =
        newborn
            ? plan.startDate.plusDays(random.nextLong(periodDays))
            : plan.startDate.minusYears(age).minusDays(1 + random.nextInt(364));
    int prefix =
        random.nextDouble() < 0.78 ? province : PROVINCES[random.nextInt(PROVINCES.length)];
    p.id = allocateId(prefix, p.male, p.birth);
    p.name = VietnameseNames.fullName(random, p.male);
    p.permanent = random.nextDouble() < 0.88;
    double yearsSpan = periodDays / 365.0;
    double death = random.nextDouble();
    if (!newborn && death < 0.015) {
      p.death = plan.startDate.minusDays(1 + random.nextInt(1500));
    } else if (death < yearsSpan * (age > 75 ? 0.06 : age > 60 ? 0.015 : 0.003) + 0.015) {
      p.death = plan.startDate.plusDays(random.nextLong(periodDays));
    }
    if (p.death != null && p.death.isBefore(p.birth)) {
      p.death = p.birth.plusDays(1);
    }
    double chip = random.nextDouble();
    if (age >= 14) {
      p.chip =
          chip < 0.8
              ? plan.startDate.minusDays(1 + random.nextInt(400))
              : chip < 0.95 ? plan.startDate.plusDays(random.nextInt(900)) : null;
    } else {
      p.chip = p.birth.plusYears(14).plusDays(30 + random.nextInt(700));
    }
    p.incorrect = random.nextDouble();
    double kind = random.nextDouble();
    p.incorrectKind =
        kind < 0.25 ? 0 : kind < 0.45 ? 1 : kind < 0.65 ? 2 : kind < 0.8 ? 3 : kind < 0.92 ? 4 : 5;
    p.incomplete = random.nextDouble();
    double field = random.nextDouble();
    p.incompleteField =
        field < 0.15 ? 0 : field < 0.3 ? 1 : field < 0.55 ? 2 : field < 0.75 ? 3 : 4;
    p.duplicate = random.nextDouble();
    p.namesake = random.nextDouble();
    p.stale = random.nextDouble();
    if (p.namesake < NAMESAKE_IDS) {
      p.namesakeId = allocateId(prefix, p.male, p.birth);
    }
    return p;
  }

  /**
   * A real-looking citizen id, unique in the whole output: units own disjoint serial ranges of each
   * (province, sex and century, birth year) bucket, scrambled by a bijection of the 6 random
   * digits.
   */
  private String allocateId(int prefix, boolean male, LocalDate birth) {
    int century = (birth.getYear() >= 2000 ? 2 : 0) + (male ? 0 : 1);
    int year = birth.getYear() % 100;
    int bucket = (prefix * 10 + century) * 100 + year;
    int local = idBuckets.merge(bucket, 1, Integer::sum) - 1;
    if (local >= plan.idCapacity) {
      throw new IllegalStateException(
          "Cannot generate citizen ids: ward "
              + unit.current().code()
              + " needs more than "
              + plan.idCapacity
              + " ids of one province, sex and birth year (use a smaller --scale)");
    }
    long serial = (long) unit.index() * plan.idCapacity + local;
    long digits = (serial * 387_403L + 519_121L) % 1_000_000L;
    return String.format("%03d%d%02d%06d", prefix, century, year, digits);
  }

  /** Ages of Vietnam's population (rough 2022 pyramid), 0–99. */
  private static final class Ages {
    private static final double[] CUMULATIVE = build();

    static int sample(SplittableRandom random) {
      return Rng.pick(random, CUMULATIVE);
    }

    private static double[] build() {
      double[] cumulative = new double[100];
      double sum = 0;
      for (int age = 0; age < 100; age++) {
        sum +=
            age < 40
                ? 1.0
                : age < 55 ? 0.95 : age < 65 ? 0.75 : age < 75 ? 0.45 : age < 85 ? 0.2 : 0.06;
        cumulative[age] = sum;
      }
      return cumulative;
    }
  }
}
