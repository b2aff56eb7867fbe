package vn.da06.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Renders a {@code ./da06 bench all} run into BENCHMARKS.md: the machine, then one table of every
 * goal with its figure, reference and ratio, then each bench's figures under the exact command that
 * produced them.
 *
 * <p>Input: the run folder, with per bench {@code NN-name.jsonl} (the bench's {@code --json}
 * output, one {@link Figure} per line) and {@code NN-name.meta} ({@code key=value} lines: {@code
 * command}, {@code started}, {@code seconds}, {@code load_before}, {@code load_after}, {@code
 * exit}), and {@code machine.meta}. Only the part of BENCHMARKS.md between the two markers is
 * replaced; the hand-written notes around it stay.
 */
public final class BenchReport {

  public static final String BEGIN =
      "<!-- ./da06 bench all writes from here: do not edit by hand -->";
  public static final String END = "<!-- ./da06 bench all writes up to here -->";

  /** One bench of the run: its figures and how it ran. */
  public record Step(String name, Map<String, String> meta, List<JsonNode> figures) {
    public Step {
      meta = Map.copyOf(meta);
      figures = List.copyOf(figures);
    }
  }

  private BenchReport() {}

  /**
   * {@code BenchReport RUN_DIR BENCHMARKS_MD POM}: rewrites the generated part of BENCHMARKS_MD and
   * prints the goals table.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: BenchReport RUN_DIR BENCHMARKS_MD ROOT_POM");
      System.exit(2);
    }
    Path run = Path.of(args[0]);
    requireDirectory(run);
    Map<String, String> machine = meta(run.resolve("machine.meta"));
    machine.putAll(versions(Files.readString(Path.of(args[2]))));
    List<Step> steps = steps(run);
    String section = render(machine, steps);
    Path target = Path.of(args[1]);
    String existing = Files.exists(target) ? Files.readString(target) : "# Benchmarks\n";
    Files.writeString(target, splice(existing, section), StandardCharsets.UTF_8);
    System.out.println(goals(steps));
    System.out.println("BENCHMARKS.md rewritten from " + run);
  }

  /**
   * The steps of a run folder in their order; a bench that printed nothing still appears, with its
   * exit code.
   */
  public static List<Step> steps(Path run) throws IOException {
    List<Step> steps = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    try (Stream<Path> files = Files.list(run)) {
      for (Path metaFile :
          files
              .filter(f -> f.getFileName().toString().matches("\\d\\d-.*\\.meta"))
              .sorted()
              .toList()) {
        String base = metaFile.getFileName().toString().replaceFirst("\\.meta$", "");
        List<JsonNode> figures = new ArrayList<>();
        Path jsonl = run.resolve(base + ".jsonl");
        if (Files.exists(jsonl)) {
          int lineNumber = 0;
          for (String line : Files.readAllLines(jsonl)) {
            lineNumber++;
            if (line.startsWith("{")) {
              try {
                figures.add(mapper.readTree(line));
              } catch (IOException e) {
                throw new IOException(
                    "Cannot read figure at "
                        + jsonl
                        + " line "
                        + lineNumber
                        + ": "
                        + e.getMessage()
                        + " (a bench's --json output must be one JSON object per line)",
                    e);
              }
            }
          }
        }
        steps.add(new Step(base.substring(3), meta(metaFile), figures));
      }
    }
    return steps;
  }

  /** {@code key=value} lines. */
  static Map<String, String> meta(Path file) throws IOException {
    Map<String, String> meta = new LinkedHashMap<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          meta.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
    }
    return meta;
  }

  /** The pinned versions of the engines, from the root pom's properties. */
  static Map<String, String> versions(String pom) {
    Map<String, String> versions = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("<(spark|delta|duckdb|trino|javalin)\\.version>([^<]+)<").matcher(pom);
    while (m.find()) {
      versions.put(m.group(1), m.group(2));
    }
    return versions;
  }

  /** The generated section, markers included. */
  public static String render(Map<String, String> machine, List<Step> steps) {
    StringBuilder out = new StringBuilder();
    out.append(BEGIN)
        .append("\n\n## Latest run: `")
        .append(machine.getOrDefault("command", "./da06 bench all"))
        .append("`\n\n");
    out.append(
        String.format(
            Locale.ROOT,
            "Run %s → %s UTC on commit %s%s.%n%n",
            machine.getOrDefault("started", "?"),
            machine.getOrDefault("ended", "?"),
            machine.getOrDefault("commit", "?"),
            "true".equals(machine.get("dirty")) ? " (with uncommitted changes)" : ""));
    out.append(
        String.format(
            Locale.ROOT,
            "Machine: %s cores (%s), %s RAM, %s; %s. Engines: Spark %s local[*] and Delta %s,"
                + " DuckDB %s (JDBC, in-process), Trino %s, Javalin %s.%n%n",
            machine.getOrDefault("cores", "?"),
            machine.getOrDefault("cpu", "?"),
            machine.getOrDefault("memory", "?"),
            machine.getOrDefault("os", "?"),
            machine.getOrDefault("java", "?"),
            machine.getOrDefault("spark", "?"),
            machine.getOrDefault("delta", "?"),
            machine.getOrDefault("duckdb", "?"),
            machine.getOrDefault("trino", "?"),
            machine.getOrDefault("javalin", "?")));
    out.append(
        "Every bench ran in its own JVM, one after the other; the load average (1 min) before and after each"
            + " says how quiet the machine was. A ratio is value / reference; for throughput, ours / the reference's.\n\n");
    out.append("### Goals\n\n").append(goals(steps)).append('\n');
    for (Step step : steps) {
      Map<String, String> meta = step.meta();
      out.append("### ")
          .append(step.name())
          .append("\n\n`")
          .append(meta.getOrDefault("command", "?"))
          .append("`: ")
          .append(meta.getOrDefault("seconds", "?"))
          .append(" s, started ")
          .append(meta.getOrDefault("started", "?"))
          .append(" UTC, load average ")
          .append(meta.getOrDefault("load_before", "?"))
          .append(" → ")
          .append(meta.getOrDefault("load_after", "?"));
      String exit = meta.getOrDefault("exit", "?");
      out.append(
          exit.equals("0")
              ? ".\n\n"
              : ". **Exit code " + exit + "**: see `" + step.name() + ".log` of the run.\n\n");
      if (step.figures().isEmpty()) {
        out.append("No figures.\n\n");
        continue;
      }
      out.append(
          "| figure | value | unit | reference | ratio | goal | met |\n|---|---|---|---|---|---|---|\n");
      for (JsonNode f : step.figures()) {
        out.append("| ")
            .append(f.path("name").asText())
            .append(" | ")
            .append(number(f.get("value")))
            .append(" | ")
            .append(f.path("unit").asText())
            .append(" | ")
            .append(number(f.get("reference")))
            .append(" | ")
            .append(number(f.get("ratio")))
            .append(" | ")
            .append(text(f.get("goal")))
            .append(" | ")
            .append(met(f.get("met")))
            .append(" |\n");
      }
      out.append('\n');
    }
    return out.append(END).append('\n').toString();
  }

  /** Every figure that has a goal, across the steps: the table printed at the end of a run. */
  public static String goals(List<Step> steps) {
    StringBuilder out =
        new StringBuilder(
            "| bench | figure | measured | reference | ratio | goal | met |\n"
                + "|---|---|---|---|---|---|---|\n");
    int rows = 0;
    for (Step step : steps) {
      for (JsonNode f : step.figures()) {
        if (f.hasNonNull("goal")) {
          out.append("| ")
              .append(step.name())
              .append(" | ")
              .append(f.path("name").asText())
              .append(" | ")
              .append(number(f.get("value")))
              .append(' ')
              .append(f.path("unit").asText())
              .append(" | ")
              .append(number(f.get("reference")))
              .append(" | ")
              .append(number(f.get("ratio")))
              .append(" | ")
              .append(text(f.get("goal")))
              .append(" | ")
              .append(met(f.get("met")))
              .append(" |\n");
          rows++;
        }
      }
      if (!"0".equals(step.meta().getOrDefault("exit", "0"))) {
        out.append("| ")
            .append(step.name())
            .append(" | (failed, exit ")
            .append(step.meta().get("exit"))
            .append(") | | | | | **no** |\n");
        rows++;
      }
    }
    return rows == 0 ? "No figure with a goal was measured.\n" : out.toString();
  }

  /**
   * {@code existing} with its generated part replaced by {@code section}, or {@code section} put
   * after the title.
   */
  public static String splice(String existing, String section) {
    int begin = existing.indexOf(BEGIN);
    int end = existing.indexOf(END);
    if (begin >= 0 && end > begin) {
      return existing.substring(0, begin)
          + section
          + existing.substring(end + END.length()).replaceFirst("^\\n", "");
    }
    int titleEnd = existing.indexOf('\n');
    String title = titleEnd < 0 ? existing : existing.substring(0, titleEnd + 1);
    String rest = titleEnd < 0 ? "" : existing.substring(titleEnd + 1);
    return title + "\n" + section + "\n" + rest;
  }

  private static String number(JsonNode node) {
    if (node == null || node.isNull()) {
      return "";
    }
    double v = node.asDouble();
    if (Math.abs(v) >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (Math.abs(v) >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? "" : node.asText().replace("|", "\\|");
  }

  private static String met(JsonNode node) {
    if (node == null || node.isNull()) {
      return "";
    }
    return node.asBoolean() ? "yes" : "**no**";
  }

  static void requireDirectory(Path run) {
    if (!Files.isDirectory(run)) {
      throw new UncheckedIOException(
          new IOException(
              "Cannot render benchmarks: "
                  + run
                  + " is not a run folder"
                  + " (run ./da06 bench all first)"));
    }
  }
}
