package vn.da06.warehouse.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the official GSO lists in the format of {@code shared/data/admin-units} (see
 * docs/admin-units.md): {@code units-2024.csv}, {@code units-2025.csv} and {@code
 * crosswalk-2025-links.csv} (or the one-target {@code crosswalk-2025.csv}). Everything is checked;
 * the first problem stops loading with its file and line.
 */
final class GsoCsvSource {

  static final String UNITS_2024 = "units-2024.csv";
  static final String UNITS_2025 = "units-2025.csv";
  static final String CROSSWALK_LINKS = "crosswalk-2025-links.csv";
  static final String CROSSWALK_SINGLE = "crosswalk-2025.csv";

  private static final Set<String> TYPES_2024 = Set.of("Xã", "Phường", "Thị trấn");
  private static final Set<String> TYPES_2025 = Set.of("Xã", "Phường", "Đặc khu");
  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setIgnoreHeaderCase(true)
          .setIgnoreEmptyLines(true)
          .setTrim(true)
          .get();

  private GsoCsvSource() {}

  /**
   * Whether {@code dir} holds any of the files (so that a half-filled folder is an error, not
   * ignored).
   */
  static boolean holdsAnyFile(Path dir) {
    return dir != null
        && Files.isDirectory(dir)
        && (Files.exists(dir.resolve(UNITS_2024))
            || Files.exists(dir.resolve(UNITS_2025))
            || Files.exists(dir.resolve(CROSSWALK_LINKS))
            || Files.exists(dir.resolve(CROSSWALK_SINGLE)));
  }

  static ImmutableAdminUnits read(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    for (String name : List.of(UNITS_2024, UNITS_2025)) {
      if (!Files.isRegularFile(absolute.resolve(name))) {
        throw new AdminUnitsLoadException(
            "Cannot load admin units: "
                + absolute
                + " has no "
                + name
                + " (put "
                + UNITS_2024
                + ", "
                + UNITS_2025
                + " and "
                + CROSSWALK_LINKS
                + " there together, or remove the folder to use the npm packages)");
      }
    }
    Map<String, Ward> preReform = readUnits2024(absolute.resolve(UNITS_2024));
    Map<String, Ward> postReform = readUnits2025(absolute.resolve(UNITS_2025));
    List<CrosswalkLink> links;
    if (Files.isRegularFile(absolute.resolve(CROSSWALK_LINKS))) {
      links = readLinks(absolute.resolve(CROSSWALK_LINKS), preReform, postReform);
    } else if (Files.isRegularFile(absolute.resolve(CROSSWALK_SINGLE))) {
      links = readSingleTargets(absolute.resolve(CROSSWALK_SINGLE), preReform, postReform);
    } else {
      throw new AdminUnitsLoadException(
          "Cannot load admin units: "
              + absolute
              + " has no "
              + CROSSWALK_LINKS
              + " (put the crosswalk there as "
              + CROSSWALK_LINKS
              + ", or "
              + CROSSWALK_SINGLE
              + " with one old_ward_code,new_ward_code row per old ward)");
    }
    return new ImmutableAdminUnits(
        "gso:" + absolute,
        List.copyOf(preReform.values()),
        List.copyOf(postReform.values()),
        links,
        null);
  }

  private static Map<String, Ward> readUnits2024(Path file) {
    Map<String, Ward> wards = new LinkedHashMap<>();
    Map<String, Long> lines = new HashMap<>();
    for (Row row :
        rows(
            file,
            List.of(
                "province_code",
                "province_name",
                "district_code",
                "district_name",
                "ward_code",
                "ward_name",
                "ward_type"))) {
      String code = row.code("ward_code", 5);
      Ward ward =
          new Ward(
              code,
              row.text("ward_name"),
              row.type(TYPES_2024),
              row.code("district_code", 3),
              row.text("district_name"),
              row.code("province_code", 2),
              row.text("province_name"),
              Era.PRE_REFORM);
      row.unique("ward_code " + code, lines);
      wards.put(code, ward);
    }
    return wards;
  }

  private static Map<String, Ward> readUnits2025(Path file) {
    Map<String, Ward> wards = new LinkedHashMap<>();
    Map<String, Long> lines = new HashMap<>();
    for (Row row :
        rows(
            file,
            List.of("province_code", "province_name", "ward_code", "ward_name", "ward_type"))) {
      String code = row.code("ward_code", 5);
      Ward ward =
          new Ward(
              code,
              row.text("ward_name"),
              row.type(TYPES_2025),
              null,
              null,
              row.code("province_code", 2),
              row.text("province_name"),
              Era.POST_REFORM);
      row.unique("ward_code " + code, lines);
      wards.put(code, ward);
    }
    return wards;
  }

  private static List<CrosswalkLink> readLinks(
      Path file, Map<String, Ward> preReform, Map<String, Ward> postReform) {
    List<CrosswalkLink> links = new ArrayList<>();
    Map<String, Long> pairLines = new HashMap<>();
    Map<String, Long> primaryLines = new HashMap<>();
    Map<String, Long> firstLines = new LinkedHashMap<>();
    for (Row row : rows(file, List.of("old_ward_code", "new_ward_code", "share", "is_primary"))) {
      String oldCode = row.oldWardCode(preReform);
      String newCode = row.newWardCode(postReform);
      String share = row.text("share");
      boolean primary = row.flag("is_primary");
      row.unique("the link " + oldCode + " → " + newCode, pairLines);
      firstLines.putIfAbsent(oldCode, row.line);
      if (primary && primaryLines.containsKey(oldCode)) {
        throw row.error(
            "old_ward_code "
                + oldCode
                + " has a second primary link (the first is on line "
                + primaryLines.get(oldCode)
                + ")",
            "set is_primary=1 on exactly one link of each old ward, 0 on the others");
      }
      if (primary) {
        primaryLines.put(oldCode, row.line);
      }
      links.add(new CrosswalkLink(oldCode, newCode, primary, share));
    }
    firstLines.forEach(
        (oldCode, line) -> {
          if (!primaryLines.containsKey(oldCode)) {
            throw error(
                file,
                line,
                "old_ward_code " + oldCode + " has no primary link",
                "set is_primary=1 on exactly one link of each old ward");
          }
        });
    return links;
  }

  private static List<CrosswalkLink> readSingleTargets(
      Path file, Map<String, Ward> preReform, Map<String, Ward> postReform) {
    List<CrosswalkLink> links = new ArrayList<>();
    Map<String, Long> lines = new HashMap<>();
    for (Row row : rows(file, List.of("old_ward_code", "new_ward_code"))) {
      String oldCode = row.oldWardCode(preReform);
      String newCode = row.newWardCode(postReform);
      if (lines.containsKey(oldCode)) {
        throw row.error(
            "old_ward_code "
                + oldCode
                + " appears twice (first on line "
                + lines.get(oldCode)
                + ")",
            "this file has one row per old ward; give split wards in "
                + CROSSWALK_LINKS
                + " instead");
      }
      lines.put(oldCode, row.line);
      links.add(new CrosswalkLink(oldCode, newCode, true, "full"));
    }
    return links;
  }

  private static List<Row> rows(Path file, List<String> columns) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      throw new AdminUnitsLoadException(
          "Cannot load admin units: " + file + ": it is not UTF-8 text (save it as CSV UTF-8)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot load admin units: cannot read " + file, e);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<Row> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
      Set<String> header = new java.util.HashSet<>();
      parser.getHeaderNames().forEach(name -> header.add(name.toLowerCase(Locale.ROOT)));
      for (String column : columns) {
        if (!header.contains(column)) {
          throw error(
              file,
              1,
              "missing column " + column,
              "the header row must be " + String.join(",", columns));
        }
      }
      for (CSVRecord record : parser) {
        Row row = new Row(file, record.getRecordNumber() + 1, record);
        if (!record.isConsistent()) {
          throw row.error(
              "it has "
                  + record.size()
                  + " fields, the header has "
                  + parser.getHeaderNames().size(),
              "put names that contain a comma in double quotes");
        }
        rows.add(row);
      }
    } catch (IllegalArgumentException
        | IllegalStateException
        | UncheckedIOException
        | IOException e) {
      if (e instanceof AdminUnitsLoadException loadException) {
        throw loadException;
      }
      throw new AdminUnitsLoadException(
          "Cannot load admin units: "
              + file
              + ": it is not a valid CSV file: "
              + e.getMessage()
              + " (save it as CSV UTF-8 with a header row, comma-separated)",
          e);
    }
    if (rows.isEmpty()) {
      throw error(file, 2, "the file has no rows", "export the whole list with its header row");
    }
    return rows;
  }

  static AdminUnitsLoadException error(Path file, long line, String reason, String fix) {
    return new AdminUnitsLoadException(
        "Cannot load admin units: " + file + " line " + line + ": " + reason + " (" + fix + ")");
  }

  /** One data row and its line number, with checked accessors. */
  private static final class Row {
    private final Path file;
    private final long line;
    private final CSVRecord record;

    Row(Path file, long line, CSVRecord record) {
      this.file = file;
      this.line = line;
      this.record = record;
    }

    String text(String column) {
      String value = Names.clean(record.get(column));
      if (value.isEmpty()) {
        throw error(column + " is empty", "fill in every column");
      }
      return value;
    }

    String code(String column, int digits) {
      String value = text(column);
      if (value.matches("\\d{1," + (digits - 1) + "}")) {
        throw error(
            column + " '" + value + "' has lost its leading zeros",
            "keep codes as text with "
                + digits
                + " digits, e.g. "
                + "0".repeat(digits - value.length())
                + value);
      }
      if (!value.matches("\\d{" + digits + "}")) {
        throw error(
            column + " '" + value + "' is not a " + digits + "-digit code", "use the GSO code");
      }
      return value;
    }

    String type(Set<String> types) {
      String value = text("ward_type");
      for (String type : types) {
        if (type.equalsIgnoreCase(value)) {
          return type;
        }
      }
      throw error(
          "ward_type '"
              + value
              + "' is not one of "
              + String.join(", ", new java.util.TreeSet<>(types)),
          "use the GSO unit type");
    }

    boolean flag(String column) {
      String value = text(column).toLowerCase(Locale.ROOT);
      return switch (value) {
        case "1", "true" -> true;
        case "0", "false" -> false;
        default ->
            throw error(
                column + " '" + value + "' is not 1 or 0",
                "write 1 for the primary link, 0 otherwise");
      };
    }

    String oldWardCode(Map<String, Ward> preReform) {
      String code = code("old_ward_code", 5);
      if (!preReform.containsKey(code)) {
        throw error(
            "old_ward_code " + code + " is not in " + UNITS_2024,
            "use a code of the pre-reform list");
      }
      return code;
    }

    String newWardCode(Map<String, Ward> postReform) {
      String code = code("new_ward_code", 5);
      if (!postReform.containsKey(code)) {
        throw error(
            "new_ward_code " + code + " is not in " + UNITS_2025,
            "use a code of the 1 July 2025 list");
      }
      return code;
    }

    void unique(String key, Map<String, Long> seen) {
      Long first = seen.putIfAbsent(key, line);
      if (first != null) {
        throw error(key + " appears twice (first on line " + first + ")", "keep one row for it");
      }
    }

    AdminUnitsLoadException error(String reason, String fix) {
      return GsoCsvSource.error(file, line, reason, fix);
    }
  }
}
