package vn.da06.orchestration.schedule;

import java.time.Instant;
import java.util.List;

/** Where the scheduler records each task attempt (ops.job_runs with job = task name). */
public interface RunLog {
  void record(TaskRun run);

  /** One attempt of a task for the dag run scheduled at {@code scheduled}. */
  record TaskRun(
      String runId,
      String task,
      String dag,
      Instant scheduled,
      int attempt,
      List<String> args,
      Instant started,
      Instant ended,
      Outcome outcome,
      String message) {
    public TaskRun {
      java.util.Objects.requireNonNull(runId, "runId is null");
      java.util.Objects.requireNonNull(task, "task is null");
      java.util.Objects.requireNonNull(outcome, "outcome is null");
      args = List.copyOf(args);
    }
  }

  enum Outcome {
    /** The attempt succeeded before the deadline. */
    SUCCEEDED,
    /** The attempt succeeded after the dag run's deadline. */
    SUCCEEDED_LATE,
    /** The attempt failed and will be retried after a backoff. */
    RETRYING,
    /** The attempt failed and no retry is left (or a newer scheduled run superseded it). */
    FAILED
  }
}
