package vn.da06.orchestration.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tasks that run together on one schedule (an Airflow DAG). A run scheduled at T must end before
 * {@code deadline.next(T)}; it starts only once every dag of {@code waitFor} has succeeded for its
 * latest scheduled time at or before T.
 */
public record DagDefinition(
    String name,
    String description,
    CronSchedule schedule,
    CronSchedule deadline,
    List<String> waitFor,
    List<TaskDefinition> tasks) {
  public DagDefinition {
    requireNonNull(name, "dag name is null");
    description = description == null ? "" : description;
    requireNonNull(schedule, "schedule of dag " + name + " is missing");
    requireNonNull(deadline, "deadline of dag " + name + " is missing");
    waitFor = List.copyOf(waitFor == null ? List.of() : waitFor);
    tasks =
        topologicalOrder(
            name, List.copyOf(requireNonNull(tasks, "tasks of dag " + name + " are missing")));
    if (!name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException(
          "Cannot define dag '"
              + name
              + "': a dag name is lower-case letters, digits and '-' (rename it)");
    }
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot define dag " + name + ": it has no tasks (add one under tasks:)");
    }
  }

  /** The end of the window of the run scheduled at {@code scheduled}. */
  public Instant deadlineOf(Instant scheduled) {
    return deadline.next(scheduled);
  }

  /** Tasks ordered so that each comes after its upstream tasks (definition order otherwise). */
  private static List<TaskDefinition> topologicalOrder(String dag, List<TaskDefinition> tasks) {
    Map<String, TaskDefinition> byName = new LinkedHashMap<>();
    for (TaskDefinition task : tasks) {
      if (byName.put(task.name(), task) != null) {
        throw new IllegalArgumentException(
            "Cannot define dag "
                + dag
                + ": task "
                + task.name()
                + " is defined twice (rename one)");
      }
    }
    for (TaskDefinition task : tasks) {
      for (String upstream : task.upstream()) {
        if (!byName.containsKey(upstream)) {
          throw new IllegalArgumentException(
              "Cannot define task "
                  + task.name()
                  + ": its upstream task "
                  + upstream
                  + " is not in dag "
                  + dag
                  + " (tasks: "
                  + byName.keySet()
                  + "; use wait_for for another dag)");
        }
      }
    }
    List<TaskDefinition> ordered = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    while (ordered.size() < tasks.size()) {
      boolean progress = false;
      for (TaskDefinition task : tasks) {
        if (!placed.contains(task.name()) && placed.containsAll(task.upstream())) {
          ordered.add(task);
          placed.add(task.name());
          progress = true;
        }
      }
      if (!progress) {
        throw new IllegalArgumentException(
            "Cannot define dag "
                + dag
                + ": its upstream links form a cycle (remove one of "
                + tasks.stream().map(TaskDefinition::name).filter(n -> !placed.contains(n)).toList()
                + ")");
      }
    }
    return List.copyOf(ordered);
  }
}
