package vn.da06.orchestration.airflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The pinned Apache Airflow the tests run: a virtualenv of {@code orchestration/airflow/
 * requirements.txt} under the pins of {@code constraints.txt} (Airflow 3.3, its Spark provider,
 * pyspark of the build's Spark version for {@code bin/spark-submit}), in the project's build state
 * folder {@code .da06/airflow/venv-<hash of both files>}. Created on first use ({@code python3 -m
 * venv}, {@code pip install}) and reused by every later run; a change of a pin makes a new one.
 * Without python3 (with its venv module) the tests fail and say what to install: they never skip.
 */
public final class AirflowVenv {
  static final Path PROJECT =
      Path.of(System.getProperty("da06.project.dir", "..")).toAbsolutePath();
  static final Path AIRFLOW = PROJECT.resolve("orchestration/airflow");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(40);
  private static AirflowVenv instance;

  private final Path dir;

  private AirflowVenv(Path dir) {
    this.dir = dir;
  }

  /** The venv, created first if this set of pins has none yet. */
  public static synchronized AirflowVenv get() {
    if (instance == null) {
      instance = create();
    }
    return instance;
  }

  public Path dir() {
    return dir;
  }

  public Path bin() {
    return dir.resolve("bin");
  }

  public Path python() {
    return bin().resolve("python");
  }

  public Path airflow() {
    return bin().resolve("airflow");
  }

  /** pyspark's package folder: a Spark home ({@code bin/spark-submit}, {@code jars/}). */
  public Path sparkHome() {
    try (Stream<Path> lib = Files.list(dir.resolve("lib"))) {
      Path sitePackages =
          lib.filter(p -> p.getFileName().toString().startsWith("python"))
              .findFirst()
              .orElseThrow()
              .resolve("site-packages/pyspark");
      if (!Files.isExecutable(sitePackages.resolve("bin/spark-submit"))) {
        throw new IllegalStateException(
            "Cannot find spark-submit: "
                + sitePackages.resolve("bin/spark-submit")
                + " is missing (delete "
                + dir
                + " to reinstall)");
      }
      return sitePackages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static AirflowVenv create() {
    Path requirements = AIRFLOW.resolve("requirements.txt");
    Path constraints = AIRFLOW.resolve("constraints.txt");
    Path dir = PROJECT.resolve(".da06/airflow/venv-" + shortHash(requirements, constraints));
    Path complete = dir.resolve(".complete");
    try {
      Files.createDirectories(dir.getParent());
      try (FileChannel lockFile =
              FileChannel.open(
                  dir.getParent().resolve(dir.getFileName() + ".lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        if (Files.exists(complete)) {
          return new AirflowVenv(dir);
        }
        // A half-made venv (an interrupted install) is started again.
        deleteRecursively(dir);
        Path log = dir.getParent().resolve(dir.getFileName() + ".install.log");
        long start = System.nanoTime();
        run(
            List.of("python3", "-m", "venv", dir.toString()),
            log,
            Duration.ofMinutes(5),
            "python3 -m venv failed (install python3 and its venv module, e.g."
                + " apt-get install python3 python3-venv)");
        run(
            List.of(
                dir.resolve("bin/pip").toString(),
                "install",
                "--disable-pip-version-check",
                "-r",
                requirements.toString(),
                "-c",
                constraints.toString()),
            log,
            INSTALL_TIMEOUT,
            "pip could not install "
                + requirements
                + " with the pins of "
                + constraints
                + " (PyPI must be reachable, or pip's cache warm; the pins were made on Python 3.11)");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        Files.writeString(complete, "installed in " + seconds + " s\n");
        System.err.println("Created the Airflow venv " + dir + " in " + seconds + " s");
        return new AirflowVenv(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the Airflow venv " + dir, e);
    }
  }

  private static void run(List<String> command, Path log, Duration timeout, String hint) {
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new AssertionError(
          "Cannot create the Airflow test venv: "
              + command.get(0)
              + " cannot be run ("
              + e.getMessage()
              + "). Install python3 with its venv module (apt-get install python3 python3-venv):"
              + " the Airflow tests need it and fail without it",
          e);
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            "Cannot create the Airflow test venv: "
                + String.join(" ", command)
                + " took over "
                + timeout
                + "; its log: "
                + log);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while creating the Airflow venv", e);
    }
    if (process.exitValue() != 0) {
      throw new AssertionError(
          "Cannot create the Airflow test venv: "
              + hint
              + ". "
              + String.join(" ", command)
              + " exited with "
              + process.exitValue()
              + "; the end of its log ("
              + log
              + "):\n"
              + tail(log, 30));
    }
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static String shortHash(Path... files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path file : files) {
        sha.update(Files.readAllBytes(file));
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the Airflow pins", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
