package vn.da06.orchestration.schedule;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code config/schedule.yaml}: the values of the definition's setting placeholders ({@code inbox},
 * {@code warehouse}, {@code reports_out}, {@code reports_config}), the state file, and optionally a
 * pipeline definition of one's own. A missing file means the single-machine defaults.
 */
public record ScheduleConfig(Map<String, String> settings, Path state, Path definition) {
  public static final Map<String, String> DEFAULTS =
      Map.of(
          "inbox",
          "data/inbox",
          "warehouse",
          "data/warehouse",
          "reports_out",
          "data/reports",
          "reports_config",
          "config/reports.yaml");

  public ScheduleConfig {
    settings = Map.copyOf(settings);
    requireNonNull(state, "state is null");
  }

  public String warehouse() {
    return settings.get("warehouse");
  }

  public PipelineDefinition pipeline() {
    return definition == null ? PipelineDefinition.builtIn() : PipelineDefinition.load(definition);
  }

  public static ScheduleConfig defaults() {
    return new ScheduleConfig(DEFAULTS, Path.of("data/scheduler/state.json"), null);
  }

  public static ScheduleConfig load(Path file) {
    if (!Files.exists(file)) {
      return defaults();
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Cannot read "
              + file
              + ": line "
              + e.getLocation().getLineNr()
              + ": "
              + e.getOriginalMessage()
              + " (fix the YAML)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> settings = new LinkedHashMap<>(DEFAULTS);
    Path state = Path.of("data/scheduler/state.json");
    Path definition = null;
    Set<String> known = new TreeSet<>(DEFAULTS.keySet());
    known.add("state");
    known.add("definition");
    if (root != null) {
      var fields = root.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        String key = field.getKey();
        if (!known.contains(key)) {
          throw new IllegalArgumentException(
              "Cannot read " + file + ": unknown key '" + key + "' (known: " + known + ")");
        }
        String value = field.getValue().asText();
        if (value.isBlank()) {
          throw new IllegalArgumentException(
              "Cannot read " + file + ": '" + key + "' is empty (give a value or remove the line)");
        }
        switch (key) {
          case "state" -> state = Path.of(value);
          case "definition" -> definition = Path.of(value);
          default -> settings.put(key, value);
        }
      }
    }
    return new ScheduleConfig(settings, state, definition);
  }
}
