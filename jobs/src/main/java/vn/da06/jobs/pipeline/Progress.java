package vn.da06.jobs.pipeline;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/** Progress lines for people watching a run: one per stage, with the time since the run started. */
public final class Progress {
  private final PrintStream out;
  private final Instant start = Instant.now();
  private final java.util.List<Mark> marks = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A stage line and when it was printed, for benchmarks. */
  public record Mark(String line, Duration at) {}

  public Progress(PrintStream out) {
    this.out = out;
  }

  public static Progress quiet() {
    return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()));
  }

  public void stage(String format, Object... args) {
    Duration elapsed = Duration.between(start, Instant.now());
    marks.add(new Mark(String.format(format, args), elapsed));
    out.printf(
        "[%3d.%ds] %s%n",
        elapsed.toSeconds(), elapsed.toMillisPart() / 100, String.format(format, args));
    out.flush();
  }

  public java.util.List<Mark> marks() {
    return java.util.List.copyOf(marks);
  }

  public PrintStream out() {
    return out;
  }

  public Duration elapsed() {
    return Duration.between(start, Instant.now());
  }
}
