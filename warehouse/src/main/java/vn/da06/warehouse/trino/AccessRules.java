package vn.da06.warehouse.trino;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import vn.da06.warehouse.Tables;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.UnitLevel;
import vn.da06.warehouse.access.User;

/**
 * Trino's file-based access control rules ({@code rules.json}) generated from the users file, so
 * that Trino and the dashboard apply one policy:
 *
 * <ul>
 *   <li>admins (and the project's own system user) may do everything, on every schema, without row
 *       filters;
 *   <li>analysts may only read {@code gold} and the {@code ops} tables without personal data
 *       ({@link #OPS_READABLE}); {@code bronze}, {@code silver} and {@code ops.quarantine} are
 *       denied;
 *   <li>viewers read no table: SQL, like the dashboard's JSON API and tokens, is an analyst's tool;
 *   <li>only admins set catalog session properties, and the catalog keeps no table statistics, so
 *       {@code SHOW STATS} cannot show what lies beyond a row filter; only admins see other users'
 *       queries ({@code system.runtime.queries} and the web UI show a user their own);
 *   <li>in every gold table that holds units, an analyst sees only the rows of their unit
 *       (province, pre-reform district or ward) through a row filter; a gold table this class does
 *       not know is denied to them until a filter is written for it, so a new table cannot leak
 *       other units' rows.
 * </ul>
 */
public final class AccessRules {
  /** ops tables that hold no personal data (quarantine's detail is masked but still per-record). */
  public static final List<String> OPS_READABLE = List.of(Tables.INGESTED_FILES, Tables.JOB_RUNS);

  private static final List<String> ADMIN_PRIVILEGES =
      List.of("SELECT", "INSERT", "DELETE", "UPDATE", "OWNERSHIP", "GRANT_SELECT");
  private static final String DIM_WARD = "delta.gold." + Tables.DIM_WARD;

  private AccessRules() {}

  /** The rules for these users plus the system user the project itself connects as. */
  public static String json(List<User> users, String systemUser) {
    return json(users, systemUser, List.of());
  }

  /**
   * The rules for these users, the system user, and service users that read every row of gold and
   * nothing else (the dashboard, which applies each web user's scope itself).
   */
  public static String json(List<User> users, String systemUser, List<String> goldReaders) {
    List<String> admins = new ArrayList<>();
    admins.add(systemUser);
    users.stream().filter(user -> user.role() == Role.ADMIN).map(User::name).forEach(admins::add);
    String adminPattern = pattern(admins);

    List<Object> catalogs =
        List.of(
            rule("user", adminPattern, "catalog", ".*", "allow", "all"),
            rule("catalog", "delta|system", "allow", "read-only"),
            rule("allow", "none"));
    List<Object> schemas = List.of(rule("user", adminPattern, "owner", true), rule("owner", false));

    List<Object> tables = new ArrayList<>();
    tables.add(rule("user", adminPattern, "privileges", ADMIN_PRIVILEGES));
    if (!goldReaders.isEmpty()) {
      // Every gold table and its $history (the versions the dashboard pins its reads to); no row
      // filter.
      tables.add(
          rule(
              "user",
              pattern(goldReaders),
              "catalog",
              "delta",
              "schema",
              Tables.GOLD,
              "privileges",
              List.of("SELECT")));
    }
    for (User user : users) {
      if (user.role() != Role.ANALYST) {
        continue; // admins are allowed everything above; viewers nothing
      }
      for (String table : Tables.GOLD_TABLES) {
        Map<String, Object> rule =
            rule(
                "user",
                pattern(List.of(user.name())),
                "catalog",
                "delta",
                "schema",
                Tables.GOLD,
                "table",
                table,
                "privileges",
                List.of("SELECT"));
        Optional<String> filter = rowFilter(table, user.unit());
        if (filter.isEmpty() && !table.equals(Tables.DIM_SERVICE)) {
          continue; // unknown: denied by the last rule
        }
        filter.ifPresent(expression -> rule.put("filter", expression));
        tables.add(rule);
      }
    }
    List<String> analysts =
        users.stream().filter(user -> user.role() == Role.ANALYST).map(User::name).toList();
    if (!analysts.isEmpty()) {
      tables.add(
          rule(
              "user",
              pattern(analysts),
              "catalog",
              "delta",
              "schema",
              Tables.OPS,
              "table",
              String.join("|", OPS_READABLE),
              "privileges",
              List.of("SELECT")));
    }
    // JDBC clients (DBeaver) read their metadata from system.jdbc and system.metadata.
    tables.add(
        rule("catalog", "system", "schema", "jdbc|metadata", "privileges", List.of("SELECT")));
    tables.add(rule("privileges", List.of()));

    Map<String, Object> document = new LinkedHashMap<>();
    document.put("catalogs", catalogs);
    document.put("schemas", schemas);
    document.put("tables", tables);
    document.put(
        "procedures",
        List.of(
            rule("user", adminPattern, "privileges", List.of("EXECUTE", "GRANT_EXECUTE")),
            rule("privileges", List.of())));
    // Catalog session properties (delta.statistics_enabled would bring SHOW STATS back) are the
    // admins'; system session properties stay open (memory limits, join strategy).
    document.put(
        "catalog_session_properties",
        List.of(rule("user", adminPattern, "allow", true), rule("allow", false)));
    document.put(
        "queries",
        List.of(
            rule("user", adminPattern, "allow", List.of("execute", "kill", "view")),
            rule("allow", List.of("execute"))));
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write rules.json", e);
    }
  }

  /**
   * The row filter of a gold table for a unit, as a Trino SQL expression; empty for a table with no
   * unit (dim_service) or one this class does not know.
   */
  public static Optional<String> rowFilter(String table, String unit) {
    UnitLevel level = UnitLevel.of(unit);
    String code = "'" + unit + "'"; // digits only: UnitLevel.of checked it
    String wardsOfUnit =
        switch (level) {
          case PROVINCE ->
              "SELECT ward_code FROM "
                  + DIM_WARD
                  + " WHERE province_code = "
                  + code
                  + " OR current_province_code = "
                  + code;
          case DISTRICT -> "SELECT ward_code FROM " + DIM_WARD + " WHERE district_code = " + code;
          case WARD -> null;
        };
    String byWardCode =
        level == UnitLevel.WARD ? "ward_code = " + code : "ward_code IN (" + wardsOfUnit + ")";
    return Optional.ofNullable(
        switch (table) {
          case Tables.WARD_MONTH_KPIS ->
              switch (level) {
                case PROVINCE -> "province_code = " + code;
                case DISTRICT -> "district_code = " + code;
                case WARD -> "ward_code = " + code;
              };
          // province_code here is the current (post-reform) province; a pre-reform district's wards
          // are
          // followed to the current wards they became.
          case Tables.WARD_MONTH_KPIS_CURRENT ->
              switch (level) {
                case PROVINCE -> "province_code = " + code;
                case DISTRICT ->
                    "ward_code IN (SELECT current_ward_code FROM "
                        + DIM_WARD
                        + " WHERE district_code = "
                        + code
                        + ")";
                case WARD -> "ward_code = " + code;
              };
          case Tables.DIM_WARD ->
              switch (level) {
                case PROVINCE -> "province_code = " + code + " OR current_province_code = " + code;
                case DISTRICT -> "district_code = " + code;
                case WARD -> "ward_code = " + code;
              };
          case Tables.SERVICE_MONTH, Tables.DAILY_REPORT_CHECK -> byWardCode;
          // Anomalies are on today's wards, as ward_month_kpis_current.
          case Tables.ANOMALIES ->
              switch (level) {
                case PROVINCE ->
                    "unit_code IN (SELECT ward_code FROM "
                        + DIM_WARD
                        + " WHERE current_province_code = "
                        + code
                        + ")";
                case DISTRICT ->
                    "unit_code IN (SELECT current_ward_code FROM "
                        + DIM_WARD
                        + " WHERE district_code = "
                        + code
                        + ")";
                case WARD -> "unit_code = " + code;
              };
          case Tables.TARGET_PROGRESS ->
              switch (level) {
                case PROVINCE ->
                    "unit_code = "
                        + code
                        + " OR unit_code IN (SELECT district_code FROM "
                        + DIM_WARD
                        + " WHERE province_code = "
                        + code
                        + ") OR unit_code IN ("
                        + wardsOfUnit
                        + ")";
                case DISTRICT -> "unit_code = " + code + " OR unit_code IN (" + wardsOfUnit + ")";
                case WARD -> "unit_code = " + code;
              };
          default -> null;
        });
  }

  /** A regular expression matching exactly these user names. */
  static String pattern(List<String> names) {
    return names.stream()
        .map(name -> name.replace(".", "\\."))
        .collect(Collectors.joining("|", "^(", ")$"));
  }

  private static Map<String, Object> rule(Object... keysAndValues) {
    Map<String, Object> rule = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      rule.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return rule;
  }
}
