package vn.da06.orchestration.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * One task: a main class run with arguments (placeholders such as {@code {warehouse}} or {@code
 * {month}} are rendered per run), after its upstream tasks of the same dag, retried {@code retries}
 * times with a backoff that doubles from {@code retryBackoff}.
 */
public record TaskDefinition(
    String name,
    String mainClass,
    List<String> args,
    List<String> upstream,
    int retries,
    Duration retryBackoff) {
  public TaskDefinition {
    requireNonNull(name, "task name is null");
    requireNonNull(mainClass, "main_class of task " + name + " is missing");
    args = List.copyOf(requireNonNull(args, "args of task " + name + " are missing"));
    upstream = List.copyOf(upstream == null ? List.of() : upstream);
    requireNonNull(retryBackoff, "retry_backoff of task " + name + " is missing");
    if (!name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException(
          "Cannot define task '"
              + name
              + "': a task name is lower-case letters, digits and '-' (rename it)");
    }
    if (retries < 0 || retries > 20) {
      throw new IllegalArgumentException(
          "Cannot define task " + name + ": retries is " + retries + " (use 0 to 20)");
    }
    if (retryBackoff.isNegative() || retryBackoff.isZero()) {
      throw new IllegalArgumentException(
          "Cannot define task "
              + name
              + ": retry_backoff is "
              + retryBackoff
              + " (use a positive ISO duration such as PT5M)");
    }
  }

  /**
   * The backoff before attempt {@code attempt} (2 = the first retry): retryBackoff, then doubled
   * each time.
   */
  public Duration backoffBefore(int attempt) {
    return retryBackoff.multipliedBy(1L << Math.min(Math.max(attempt - 2, 0), 16));
  }
}
