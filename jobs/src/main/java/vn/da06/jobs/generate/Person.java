package vn.da06.jobs.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** A resident of a unit, with the draws that decide their records' defects. */
final class Person {
  int index;
  int home;
  boolean male;
  LocalDate birth;
  String id;
  String name;
  boolean permanent;
  LocalDate death;
  LocalDate chip;
  double incorrect;
  int incorrectKind;
  double incomplete;
  int incompleteField;
  double duplicate;
  double namesake;
  double stale;
  String namesakeId;
  LocalDateTime firstActivation;
}
