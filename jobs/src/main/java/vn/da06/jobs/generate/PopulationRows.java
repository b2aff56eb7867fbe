package vn.da06.jobs.generate;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import vn.da06.warehouse.QuarantineReason;
import vn.da06.warehouse.admin.Era;

/**
 * The residents' population records at each snapshot, with the data-quality defects and the rows
 * the contract quarantines; counts each snapshot's expected figures.
 */
final class PopulationRows extends UnitPart {

  private static final long TAG_SNAPSHOT = 2;

  // Base rates of the data-quality defects, before the ward's factor and the improvement over time.
  private static final double RATE_INCORRECT = 0.022;
  private static final double RATE_INCOMPLETE = 0.018;
  private static final double RATE_DUPLICATE = 0.005;
  private static final double RATE_NAMESAKE = 0.004;
  private static final double RATE_STALE = 0.035;
  private static final double RATE_POPULATION_QUARANTINE = 0.0015;

  private final Map<String, Integer> preIndex = new HashMap<>();

  PopulationRows(UnitPart shared) {
    super(shared);
    for (int i = 0; i < k; i++) {
      preIndex.put(unit.olds().get(i).code(), i);
    }
  }

  void writePopulation() {
    for (int s = 0; s < plan.snapshots.size(); s++) {
      LocalDate date = plan.snapshots.get(s);
      Era era = Era.on(date);
      FileFormat format = plan.populationFiles.get(date);
      double improvement = Plan.improvement(date);
      List<PopulationRecord> accepted = new ArrayList<>();
      Plants.Place planted = plan.plants.at(unit.index());
      boolean shifted =
          planted != null
              && planted.kind() == Plants.Kind.POPULATION
              && date.equals(planted.snapshot());
      for (Person p : people) {
        if (p.birth.isAfter(date) || (shifted && Plants.leftOut(p))) {
          continue; // planted: the snapshot lost 2 in 5 of the ward's residents
        }
        SplittableRandom random = Rng.of(seed, TAG_SNAPSHOT, unit.index(), p.index, s);
        int ward = wardOn(p, date);
        double factor = traits(ward).dataQuality() * improvement;
        String id = p.id;
        String name = p.name;
        LocalDate birth = p.birth;
        String sex = p.male ? "M" : "F";
        String residence = p.permanent ? "PERMANENT" : "TEMPORARY";
        if (p.incorrect < RATE_INCORRECT * factor) {
          switch (p.incorrectKind) {
            case 0 -> id = "9" + id.substring(1); // province 9xx does not exist
            case 1 ->
                id =
                    id.substring(0, 3) + (char) (id.charAt(3) + 4) + id.substring(4); // sex/century
            case 2 -> birth = birth.minusYears(1 + p.index % 3); // year digits no longer match
            case 3 -> id = id.substring(1); // 11 digits
            case 4 -> birth = date.plusDays(1 + p.index % 400); // born in the future
            default -> birth = birth.withYear(1890 + p.index % 10); // before 1900
          }
        }
        if (p.incomplete < RATE_INCOMPLETE * factor) {
          switch (p.incompleteField) {
            case 0 -> id = "";
            case 1 -> name = "";
            case 2 -> birth = null;
            case 3 -> sex = "";
            default -> residence = "";
          }
        }
        LocalDate verified;
        if (p.stale < RATE_STALE * factor) {
          verified = random.nextDouble() < 0.4 ? null : date.minusDays(366 + random.nextInt(900));
        } else {
          verified = date.minusDays(random.nextInt(365));
        }
        boolean chip = p.chip != null && !p.chip.isAfter(date);
        boolean deceased = p.death != null && !p.death.isAfter(date);
        PopulationRecord row =
            new PopulationRecord(
                id, name, birth, sex, wardCode(ward), residence, chip, deceased, verified);
        writePopulationRow(format, date, row, null, accepted);
        if (p.permanent && p.duplicate < RATE_DUPLICATE * factor) {
          // The same citizen listed again as a temporary resident of a neighbouring ward.
          int other = era == Era.PRE_REFORM && k > 1 ? (p.home + 1) % k : ward;
          writePopulationRow(
              format, date, row.withWard(wardCode(other), "TEMPORARY"), null, accepted);
        }
        if (p.namesakeId != null
            && p.namesake < RATE_NAMESAKE * factor
            && !name.isEmpty()
            && birth != null) {
          // Same person keyed in twice with a different id: same name (written differently), birth
          // date, ward.
          String written =
              random.nextBoolean()
                  ? name.toUpperCase(java.util.Locale.ROOT)
                  : " " + name.replace(" ", "  ");
          PopulationRecord namesake =
              new PopulationRecord(
                  p.namesakeId,
                  java.text.Normalizer.normalize(written, java.text.Normalizer.Form.NFC),
                  birth,
                  sex,
                  wardCode(ward),
                  "PERMANENT",
                  random.nextBoolean(),
                  false,
                  date.minusDays(random.nextInt(700)));
          writePopulationRow(format, date, namesake, null, accepted);
        }
        if (random.nextDouble() < RATE_POPULATION_QUARANTINE) {
          if (random.nextDouble() < 0.6) {
            List<String> unknown = plan.unknownWards.get(era);
            PopulationRecord misplaced =
                row.withWard(unknown.get(random.nextInt(unknown.size())), row.residenceType());
            writePopulationRow(format, date, misplaced, QuarantineReason.UNKNOWN_WARD, accepted);
          } else {
            writePopulationRow(format, date, row, QuarantineReason.UNPARSEABLE_VALUE, accepted);
          }
        }
      }
      table.addSnapshot(date, PopulationQuality.evaluate(accepted, date), wardIndexOf(era));
    }
  }

  private Map<String, Integer> wardIndexOf(Era era) {
    return era == Era.PRE_REFORM ? preIndex : Map.of(unit.current().code(), k);
  }

  private void writePopulationRow(
      FileFormat format,
      LocalDate date,
      PopulationRecord row,
      QuarantineReason reason,
      List<PopulationRecord> accepted) {
    String snapshotDate =
        reason == QuarantineReason.UNPARSEABLE_VALUE
            ? (date.getDayOfMonth() % 2 == 0
                ? "Quý " + ((date.getMonthValue() + 2) / 3) + "/" + date.getYear()
                : date.format(DateTimeFormatter.ofPattern("dd.MM.uuuu")))
            : format.date(date);
    String[] values = {
      snapshotDate,
      row.citizenId(),
      row.fullName(),
      format.date(row.birthDate()),
      row.sex(),
      row.wardCode(),
      row.residenceType(),
      Boolean.toString(row.hasChipCard()),
      Boolean.toString(row.deceased()),
      format.date(row.lastVerifiedAt())
    };
    write(format, values, note(row.citizenId()), reason);
    if (reason == null) {
      accepted.add(row);
    }
  }
}
