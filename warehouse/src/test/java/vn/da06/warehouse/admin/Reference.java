package vn.da06.warehouse.admin;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The checked reference lists in {@code shared/data/admin-units}, read where they are (never copied
 * into the project), and the npm packages the project installs.
 */
final class Reference {

  private Reference() {}

  static Path dir() {
    String shared = System.getProperty("da06.shared.dir");
    Path sharedDir = shared != null ? Path.of(shared) : projectDir().resolve("../shared");
    return sharedDir.resolve("data/admin-units").toAbsolutePath().normalize();
  }

  static Path npmDir() {
    String npm = System.getProperty(AdminUnitsLoader.NPM_DIR_PROPERTY);
    return npm != null ? Path.of(npm) : projectDir().resolve("warehouse/npm/node_modules");
  }

  static Path projectDir() {
    String project = System.getProperty("da06.project.dir");
    if (project != null) {
      return Path.of(project);
    }
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("warehouse")) ? here : here.getParent();
  }

  /** The rows of one reference file, each as column → value. */
  static List<Map<String, String>> rows(String file) {
    List<Map<String, String>> rows = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(dir().resolve(file), StandardCharsets.UTF_8);
        CSVParser parser =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
      for (CSVRecord record : parser) {
        rows.add(record.toMap());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
