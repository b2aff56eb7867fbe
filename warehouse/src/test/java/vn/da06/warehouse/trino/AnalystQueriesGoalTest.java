package vn.da06.warehouse.trino;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.da06.warehouse.Metrics;

/**
 * The analysts' example queries are SQL an analyst copies, so they must write the online goal as a
 * number; this keeps every such number equal to the one definition ({@code online_rate}'s goal in
 * {@link Metrics}), so changing the goal there fails here until the documentation follows.
 */
class AnalystQueriesGoalTest {

  private static final Pattern COMPARED =
      Pattern.compile(
          "(?:online_rate|nullif\\(sum\\(dossiers_total\\), 0\\))\\s*[<>]=?\\s*([0-9.]+)");
  private static final Pattern TITLE = Pattern.compile("the ([0-9]+)% (?:online )?goal");

  @Test
  void everyOnlineGoalInTheExampleQueriesIsTheMetricsGoal() throws Exception {
    String document =
        Files.readString(
            Path.of(System.getProperty("da06.project.dir", "..")).resolve("docs/analysts.md"));
    List<Double> goals = new ArrayList<>();
    Matcher compared = COMPARED.matcher(document);
    while (compared.find()) {
      goals.add(Double.parseDouble(compared.group(1)));
    }
    Matcher title = TITLE.matcher(document);
    while (title.find()) {
      goals.add(Integer.parseInt(title.group(1)) / 100.0);
    }
    assertThat(goals).hasSizeGreaterThanOrEqualTo(4).containsOnly(Metrics.onlineGoal());
  }
}
