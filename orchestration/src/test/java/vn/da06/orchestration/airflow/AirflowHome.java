package vn.da06.orchestration.airflow;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Airflow installation for a test: the pinned venv ({@link AirflowVenv}), its own {@code
 * AIRFLOW_HOME} in a temp folder with its own SQLite database ({@code airflow db migrate}), the
 * project's dags folder, no example DAGs. Everything a deployment would set is a parameter: the
 * Airflow Variables ({@code AIRFLOW_VAR_*}), the Spark connection ({@code
 * AIRFLOW_CONN_SPARK_DEFAULT}), Spark properties for every spark-submit (a {@code
 * spark-defaults.conf} in {@code SPARK_CONF_DIR}: {@code spark.hadoop.fs.s3a.*}, {@code
 * spark.jars}, executor sizes) and extra environment, so that moving the warehouse to {@code
 * s3a://} changes these maps, not this class.
 *
 * <p>spark-submit is the venv's (pyspark's {@code bin/spark-submit}, {@code SPARK_HOME} its package
 * folder) on this JVM's Java.
 */
public final class AirflowHome {
  public static final Path DAGS = AirflowVenv.AIRFLOW.resolve("dags");

  private final AirflowVenv venv;
  private final Path home;
  private final Map<String, String> env;
  private final AtomicInteger commands = new AtomicInteger();

  /** What a test sets for one Airflow installation. */
  public record Settings(
      Map<String, String> variables,
      String sparkMaster,
      Map<String, String> sparkConf,
      Map<String, String> extraEnv) {
    public Settings {
      variables = Map.copyOf(variables);
      requireNonNull(sparkMaster, "sparkMaster is null");
      sparkConf = Map.copyOf(sparkConf);
      extraEnv = Map.copyOf(extraEnv);
    }
  }

  private AirflowHome(AirflowVenv venv, Path home, Map<String, String> env) {
    this.venv = venv;
    this.home = home;
    this.env = env;
  }

  /** Makes {@code home} an Airflow home with a migrated SQLite database. */
  public static AirflowHome create(Path home, Settings settings) {
    AirflowVenv venv = AirflowVenv.get();
    try {
      Files.createDirectories(home);
      Path sparkConf = Files.createDirectories(home.resolve("spark-conf"));
      StringBuilder defaults = new StringBuilder();
      settings
          .sparkConf()
          .forEach((key, value) -> defaults.append(key).append(' ').append(value).append('\n'));
      Files.writeString(sparkConf.resolve("spark-defaults.conf"), defaults.toString());
      Map<String, String> env = new LinkedHashMap<>();
      env.put("AIRFLOW_HOME", home.toString());
      env.put("AIRFLOW__CORE__DAGS_FOLDER", DAGS.toString());
      env.put("AIRFLOW__CORE__LOAD_EXAMPLES", "False");
      env.put("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "sqlite:///" + home.resolve("airflow.db"));
      // No __pycache__ in the repository's dags folder.
      env.put("PYTHONDONTWRITEBYTECODE", "1");
      env.put("PATH", venv.bin() + ":" + System.getenv("PATH"));
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.put("SPARK_HOME", venv.sparkHome().toString());
      env.put("SPARK_CONF_DIR", sparkConf.toString());
      env.put("AIRFLOW_CONN_SPARK_DEFAULT", settings.sparkMaster() + "?deploy-mode=client");
      settings
          .variables()
          .forEach((name, value) -> env.put("AIRFLOW_VAR_" + name.toUpperCase(Locale.ROOT), value));
      env.putAll(settings.extraEnv());
      AirflowHome airflow = new AirflowHome(venv, home, Map.copyOf(env));
      airflow.airflow(Duration.ofMinutes(5), "db", "migrate");
      return airflow;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make the Airflow home " + home, e);
    }
  }

  public Path home() {
    return home;
  }

  public Path database() {
    return home.resolve("airflow.db");
  }

  public Map<String, String> env() {
    return env;
  }

  /** Runs {@code airflow ARGS}; its stdout, or an AssertionError with the end of its output. */
  public String airflow(Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of(venv.airflow().toString()));
    command.addAll(List.of(args));
    return run(command, timeout);
  }

  /**
   * Starts {@code airflow ARGS} (a scheduler, say) in the background, its output in {@code
   * name.log} of the home; the caller stops it (with its children: the executor's workers).
   */
  public Process start(String name, String... args) {
    List<String> command = new ArrayList<>(List.of(venv.airflow().toString()));
    command.addAll(List.of(args));
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(home.resolve(name + ".log").toFile())
              .directory(home.toFile());
      builder.environment().putAll(env);
      // The job takes its key from the Variable's file only, not from a key the caller's shell has.
      builder.environment().remove("DA06_PSEUDONYM_KEY");
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + command, e);
    }
  }

  /** Stops a process of {@link #start} and its children. */
  public static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs a Python script with the venv's python in this Airflow's environment; its stdout. */
  public String python(Duration timeout, Path script, String... args) {
    List<String> command = new ArrayList<>(List.of(venv.python().toString(), script.toString()));
    command.addAll(List.of(args));
    return run(command, timeout);
  }

  private String run(List<String> command, Duration timeout) {
    int number = commands.incrementAndGet();
    String name = Path.of(command.get(command.size() > 1 ? 1 : 0)).getFileName().toString();
    Path out = home.resolve("command-" + number + ".out");
    Path err = home.resolve("command-" + number + ".err");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .directory(home.toFile());
      builder.environment().putAll(env);
      // The job takes its key from the Variable's file only, not from a key the caller's shell has.
      builder.environment().remove("DA06_PSEUDONYM_KEY");
      long start = System.nanoTime();
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError(
            String.join(" ", command)
                + " did not finish within "
                + timeout
                + ":\n"
                + AirflowVenv.tail(err, 80));
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      System.err.printf(
          "airflow test: %s (%s) took %.1f s%n",
          String.join(" ", command.subList(1, command.size())), name, millis / 1000.0);
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new AssertionError(
            String.join(" ", command)
                + " exited with "
                + process.exitValue()
                + "; its output ends:\n"
                + AirflowVenv.tail(out, 40)
                + "\n"
                + AirflowVenv.tail(err, 120));
      }
      return stdout;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted: " + command, e);
    }
  }
}
