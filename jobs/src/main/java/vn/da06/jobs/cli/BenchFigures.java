package vn.da06.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures one benchmark measured, printed as a table or, with {@code --json}, one JSON object per line:
 * {@code name, value, unit, reference, ratio, goal, met} (null where a figure has no reference or goal).
 */
final class BenchFigures {

  /** One measured figure; {@code ratio} is value / reference value, {@code goal} a text such as "≥ 0.5". */
  record Figure(String name, double value, String unit, String reference, Double ratio, String goal, Boolean met) {}

  private final String bench;
  private final List<Figure> figures = new ArrayList<>();

  BenchFigures(String bench) {
    this.bench = bench;
  }

  void add(String name, double value, String unit) {
    figures.add(new Figure(name, value, unit, null, null, null, null));
  }

  /** A figure with a reference value and a minimum goal for value / reference. */
  void addRatio(String name, double value, String unit, String reference, double referenceValue, double minimumRatio) {
    double ratio = value / referenceValue;
    figures.add(new Figure(name, value, unit, reference, ratio, "≥ " + minimumRatio, ratio >= minimumRatio));
  }

  void print(PrintStream out, boolean json) {
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      for (Figure figure : figures) {
        ObjectNode node = mapper.valueToTree(figure);
        node.put("bench", bench);
        out.println(node);
      }
      return;
    }
    out.printf("bench %s%n", bench);
    for (Figure figure : figures) {
      out.printf("  %-36s %14s %-5s", figure.name(), format(figure.value()), figure.unit());
      if (figure.ratio() != null) {
        out.printf("  ratio to %s %.3f (goal %s: %s)", figure.reference(), figure.ratio(), figure.goal(),
            figure.met() ? "met" : "NOT met");
      }
      out.println();
    }
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.format("%,d", (long) value) : String.format("%,.3f", value);
  }
}
