package vn.da06.warehouse;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The value a figure is judged against, and where it comes from, so every colour can say which
 * target or goal made it.
 *
 * @param value the target value or goal (a rate between 0 and 1, or a count)
 * @param source a live target of the unit itself, of its province, or a goal
 * @param deadline the target's deadline; null for a goal
 * @param campaign the target's campaign name; null for a goal
 */
public record Reference(double value, Source source, LocalDate deadline, String campaign) {

  public enum Source {
    UNIT_TARGET,
    PROVINCE_TARGET,
    GOAL
  }

  public Reference {
    requireNonNull(source, "source is null");
    if (source != Source.GOAL && deadline == null) {
      throw new IllegalArgumentException("a target reference needs its deadline");
    }
  }

  public static Reference goal(double value) {
    return new Reference(value, Source.GOAL, null, null);
  }

  /**
   * The reference that applies to a unit's figure: the unit's own live target for that metric, else
   * its province's, else the goal (national, or overridden for the unit in configuration).
   */
  public static Optional<Reference> choose(
      Optional<Reference> unitTarget, Optional<Reference> provinceTarget, Optional<Double> goal) {
    if (unitTarget.isPresent()) {
      return unitTarget;
    }
    if (provinceTarget.isPresent()) {
      return provinceTarget;
    }
    return goal.map(Reference::goal);
  }
}
