package vn.da06.warehouse.admin;

import static java.util.stream.Collectors.groupingBy;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Every difference between two crosswalks, per old commune of the reference. */
final class CrosswalkDiff {

  static final String LINK_MISSING = "link_missing";
  static final String LINK_EXTRA = "link_extra";
  static final String PRIMARY_DIFFERS = "primary_differs";
  static final String OLD_WARD_MISSING = "old_ward_missing";
  static final String OLD_WARD_NOT_IN_REFERENCE = "old_ward_not_in_reference";

  record Difference(
      String category,
      String oldWardCode,
      String oldWardName,
      String newWardCode,
      String newWardName,
      String referencePrimary,
      String otherPrimary,
      boolean referenceSplit) {}

  private final List<Difference> differences;
  private final int oldWardsCompared;
  private final Set<String> differingOldWards;
  private final Set<String> differingSplitOldWards;

  private CrosswalkDiff(List<Difference> differences, int oldWardsCompared) {
    this.differences = List.copyOf(differences);
    this.oldWardsCompared = oldWardsCompared;
    this.differingOldWards = new TreeSet<>();
    this.differingSplitOldWards = new TreeSet<>();
    for (Difference difference : differences) {
      if (!difference.category().equals(OLD_WARD_NOT_IN_REFERENCE)) {
        differingOldWards.add(difference.oldWardCode());
        if (difference.referenceSplit()) {
          differingSplitOldWards.add(difference.oldWardCode());
        }
      }
    }
  }

  static CrosswalkDiff between(AdminUnits reference, AdminUnits other) {
    Map<String, List<CrosswalkLink>> expected =
        reference.crosswalk().stream().collect(groupingBy(CrosswalkLink::oldWardCode));
    Map<String, List<CrosswalkLink>> actual =
        other.crosswalk().stream().collect(groupingBy(CrosswalkLink::oldWardCode));
    List<Difference> differences = new ArrayList<>();
    for (Ward oldWard : reference.wards(Era.PRE_REFORM)) {
      String code = oldWard.code();
      Set<String> want = targets(expected.get(code));
      Set<String> got = targets(actual.get(code));
      String wantPrimary = reference.primaryCurrentWard(code).orElse("");
      String gotPrimary = other.primaryCurrentWard(code).orElse("");
      boolean split = want.size() > 1;
      if (other.ward(code, Era.PRE_REFORM).isEmpty()) {
        differences.add(
            new Difference(
                OLD_WARD_MISSING, code, oldWard.name(), "", "", wantPrimary, gotPrimary, split));
        continue;
      }
      for (String newCode : want) {
        if (!got.contains(newCode)) {
          differences.add(
              new Difference(
                  LINK_MISSING,
                  code,
                  oldWard.name(),
                  newCode,
                  name(reference, newCode),
                  wantPrimary,
                  gotPrimary,
                  split));
        }
      }
      for (String newCode : got) {
        if (!want.contains(newCode)) {
          differences.add(
              new Difference(
                  LINK_EXTRA,
                  code,
                  oldWard.name(),
                  newCode,
                  name(other, newCode),
                  wantPrimary,
                  gotPrimary,
                  split));
        }
      }
      if (!wantPrimary.equals(gotPrimary)) {
        differences.add(
            new Difference(
                PRIMARY_DIFFERS,
                code,
                oldWard.name(),
                gotPrimary,
                name(other, gotPrimary),
                wantPrimary,
                gotPrimary,
                split));
      }
    }
    for (String code : new TreeSet<>(actual.keySet())) {
      if (reference.ward(code, Era.PRE_REFORM).isEmpty()) {
        String gotPrimary = other.primaryCurrentWard(code).orElse("");
        differences.add(
            new Difference(
                OLD_WARD_NOT_IN_REFERENCE,
                code,
                other.ward(code, Era.PRE_REFORM).map(Ward::name).orElse(""),
                gotPrimary,
                name(other, gotPrimary),
                "",
                gotPrimary,
                false));
      }
    }
    return new CrosswalkDiff(differences, reference.wards(Era.PRE_REFORM).size());
  }

  int oldWardsCompared() {
    return oldWardsCompared;
  }

  /** Share of the reference's old communes with at least one difference. */
  double differenceRate() {
    return (double) differingOldWards.size() / oldWardsCompared;
  }

  Map<String, Integer> countsByCategory() {
    Map<String, Integer> counts = new TreeMap<>();
    differences.forEach(difference -> counts.merge(difference.category(), 1, Integer::sum));
    return counts;
  }

  Set<String> differingOldWards() {
    return differingOldWards;
  }

  Set<String> differingSplitOldWards() {
    return differingSplitOldWards;
  }

  List<Difference> differences() {
    return differences;
  }

  String summary() {
    return String.format(
        "crosswalk npm vs reference: %d of %d old communes differ (%.2f%%; %d of them split in the reference); %s",
        differingOldWards.size(),
        oldWardsCompared,
        100 * differenceRate(),
        differingSplitOldWards.size(),
        countsByCategory());
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter printer =
            CSVFormat.DEFAULT
                .builder()
                .setHeader(
                    "category",
                    "old_ward_code",
                    "old_ward_name",
                    "new_ward_code",
                    "new_ward_name",
                    "reference_primary",
                    "npm_primary",
                    "reference_split")
                .get()
                .print(writer)) {
      for (Difference d : differences) {
        printer.printRecord(
            d.category(),
            d.oldWardCode(),
            d.oldWardName(),
            d.newWardCode(),
            d.newWardName(),
            d.referencePrimary(),
            d.otherPrimary(),
            d.referenceSplit());
      }
    }
  }

  private static Set<String> targets(List<CrosswalkLink> links) {
    Set<String> targets = new TreeSet<>();
    Optional.ofNullable(links).orElse(List.of()).forEach(link -> targets.add(link.newWardCode()));
    return targets;
  }

  private static String name(AdminUnits units, String newCode) {
    return newCode.isEmpty() ? "" : units.ward(newCode, Era.POST_REFORM).map(Ward::name).orElse("");
  }
}
