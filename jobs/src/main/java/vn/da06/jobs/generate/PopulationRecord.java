package vn.da06.jobs.generate;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * One accepted population row as the warehouse reads it: empty text is {@code ""}, an empty date
 * null.
 */
record PopulationRecord(
    String citizenId,
    String fullName,
    LocalDate birthDate,
    String sex,
    String wardCode,
    String residenceType,
    boolean hasChipCard,
    boolean deceased,
    LocalDate lastVerifiedAt) {

  PopulationRecord {
    requireNonNull(citizenId, "citizenId is null");
    requireNonNull(fullName, "fullName is null");
    requireNonNull(sex, "sex is null");
    requireNonNull(wardCode, "wardCode is null");
    requireNonNull(residenceType, "residenceType is null");
  }

  PopulationRecord withWard(String ward, String residence) {
    return new PopulationRecord(
        citizenId,
        fullName,
        birthDate,
        sex,
        ward,
        residence,
        hasChipCard,
        deceased,
        lastVerifiedAt);
  }
}
