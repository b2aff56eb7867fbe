package vn.da06.orchestration.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the scheduler remembers across restarts, one JSON file: per dag the scheduled time of its
 * latest run, which of its tasks are done, the failing task's attempts and when to retry, and the
 * latest scheduled time that succeeded. Written atomically after every change. A lock file beside
 * it keeps a second scheduler on the same state from starting, so no task runs twice at once.
 */
public final class SchedulerState implements AutoCloseable {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  /** The state of one dag. Mutable: the scheduler owns it and saves it after each change. */
  public static final class DagState {
    /** When the scheduler first saw the dag: earlier scheduled times are not run. */
    public Instant since;

    /** Scheduled time of the latest run taken up. */
    public Instant current;

    public RunStatus status;
    public List<String> doneTasks = new ArrayList<>();

    /** Attempts made of the task that is failing, for the current run. */
    public int attempts;

    public Instant nextAttemptAt;
    public Instant lastSucceeded;
    public boolean deadlineReported;
  }

  public enum RunStatus {
    PENDING,
    SUCCEEDED,
    FAILED
  }

  /** The file's content. */
  public static final class Content {
    public Map<String, DagState> dags = new LinkedHashMap<>();
  }

  private final Path file;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Content content;

  private SchedulerState(Path file, FileChannel lockChannel, FileLock lock, Content content) {
    this.file = file;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.content = content;
  }

  /** Opens (or creates) the state at {@code file} and takes its lock. */
  public static SchedulerState open(Path file) {
    try {
      Path absolute = file.toAbsolutePath();
      Files.createDirectories(absolute.getParent());
      Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
      FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException(
            "Cannot start the scheduler: another scheduler holds "
                + lockFile
                + " (stop it first; two schedulers on one state would run tasks twice)");
      }
      Content content = Files.exists(absolute) ? read(absolute) : new Content();
      return new SchedulerState(absolute, channel, lock, content);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot open the scheduler state " + file + ": " + e.getMessage(), e);
    }
  }

  private static Content read(Path file) throws IOException {
    try {
      return JSON.readValue(file.toFile(), Content.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(
          "Cannot read the scheduler state "
              + file
              + ": line "
              + e.getLocation().getLineNr()
              + ": "
              + e.getOriginalMessage()
              + " (fix it, or delete it to start afresh: missed runs before the restart are then not caught up)");
    }
  }

  public DagState dag(String name) {
    return content.dags.computeIfAbsent(name, n -> new DagState());
  }

  public void save() {
    try {
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(temp.toFile(), content);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot save the scheduler state " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
