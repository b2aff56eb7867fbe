package vn.da06.orchestration.schedule;

import static java.util.Objects.requireNonNull;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A five-field Unix cron expression (minute hour day-of-month month day-of-week) read in one time
 * zone, parsed and evaluated by cron-utils.
 */
public final class CronSchedule {
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private final String expression;
  private final ZoneId zone;
  private final ExecutionTime executionTime;

  private CronSchedule(String expression, ZoneId zone, ExecutionTime executionTime) {
    this.expression = expression;
    this.zone = zone;
    this.executionTime = executionTime;
  }

  /** Parses {@code expression}; {@code where} names it in the error ("dag daily, schedule"). */
  public static CronSchedule parse(String expression, ZoneId zone, String where) {
    requireNonNull(expression, where + " is missing");
    requireNonNull(zone, "zone is null");
    try {
      return new CronSchedule(expression, zone, ExecutionTime.forCron(PARSER.parse(expression)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Cannot read "
              + where
              + " '"
              + expression
              + "': "
              + e.getMessage()
              + " (write five Unix cron fields: minute hour day-of-month month day-of-week, e.g. '30 17 * * *')",
          e);
    }
  }

  public String expression() {
    return expression;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The first time strictly after {@code after}. */
  public Instant next(Instant after) {
    return executionTime
        .nextExecution(after.atZone(zone))
        .map(ZonedDateTime::toInstant)
        .orElseThrow(
            () ->
                new IllegalStateException("cron '" + expression + "' has no time after " + after));
  }

  /** The latest time at or before {@code atOrBefore}, if any. */
  public Optional<Instant> latest(Instant atOrBefore) {
    // lastExecution is strictly before its argument; cron times fall on whole minutes.
    return executionTime
        .lastExecution(atOrBefore.plusSeconds(1).atZone(zone))
        .map(ZonedDateTime::toInstant);
  }

  @Override
  public String toString() {
    return expression + " (" + zone + ")";
  }
}
