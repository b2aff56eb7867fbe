package vn.da06.goldread.ops;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.da06.goldread.DeltaTableReader;
import vn.da06.warehouse.Tables;

/**
 * The runs of the pipeline and of the scheduler's tasks, {@code ops.job_runs} (warehouse.md), read
 * with Delta Kernel: one row per pipeline run (job {@code pipeline}, with its row counts and the
 * Delta versions it wrote) and per task attempt (job = the task's name).
 */
public final class JobRunsRead {
  /** The outcomes written: SUCCEEDED, SUCCEEDED_LATE, RETRYING and FAILED. */
  public static final String SUCCEEDED = "SUCCEEDED";

  private final Path table;
  private final DeltaTableReader reader;

  public JobRunsRead(Path warehouse) {
    this(warehouse, new DeltaTableReader());
  }

  public JobRunsRead(Path warehouse, DeltaTableReader reader) {
    this.table = Path.of(Tables.location(warehouse.toString(), Tables.OPS, Tables.JOB_RUNS));
    this.reader = reader;
  }

  /** One row of ops.job_runs; counts and times are null where the writer had none. */
  public record JobRun(
      String runId,
      String job,
      String parameters,
      Instant startedAt,
      Instant endedAt,
      Long rowsIn,
      Long rowsOut,
      Long rowsQuarantined,
      Map<String, Long> deltaVersions,
      String outcome,
      String message) {
    public JobRun {
      requireNonNull(runId, "runId is null");
      requireNonNull(job, "job is null");
      deltaVersions =
          deltaVersions == null
              ? Map.of()
              : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(deltaVersions));
    }

    public boolean succeeded() {
      return outcome != null && outcome.startsWith(SUCCEEDED);
    }
  }

  /** Every run, the latest started first; none before the first pipeline run. */
  public List<JobRun> all() {
    if (!Files.isDirectory(table.resolve("_delta_log"))) {
      return List.of();
    }
    return reader.read(table).rows().stream()
        .map(JobRunsRead::jobRun)
        .sorted(
            Comparator.comparing(
                    JobRun::startedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
                .reversed())
        .toList();
  }

  /** The {@code limit} latest runs of {@code job}. */
  public List<JobRun> latest(String job, int limit) {
    return all().stream().filter(run -> run.job().equals(job)).limit(limit).toList();
  }

  @SuppressWarnings("unchecked")
  private static JobRun jobRun(Map<String, Object> row) {
    Map<String, Long> versions = new LinkedHashMap<>();
    if (row.get("delta_versions") instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).forEach((table, version) -> versions.put(table, (Long) version));
    }
    return new JobRun(
        (String) row.get("run_id"),
        (String) row.get("job"),
        (String) row.get("parameters"),
        (Instant) row.get("started_at"),
        (Instant) row.get("ended_at"),
        count(row, "rows_in"),
        count(row, "rows_out"),
        count(row, "rows_quarantined"),
        versions,
        (String) row.get("outcome"),
        (String) row.get("message"));
  }

  private static Long count(Map<String, Object> row, String column) {
    return row.get(column) instanceof Number number ? number.longValue() : null;
  }
}
