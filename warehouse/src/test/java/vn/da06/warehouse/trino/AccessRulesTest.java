package vn.da06.warehouse.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.da06.warehouse.Tables;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.User;

/** The generated rules.json, without a server (TrinoAnalystsTest runs them on a real one). */
class AccessRulesTest {
  static final String HASH = Passwords.hash("password-for-tests".toCharArray());

  @Test
  void everyUnitLevelFiltersEveryGoldTableThatHoldsUnits() {
    assertThat(AccessRules.rowFilter(Tables.WARD_MONTH_KPIS, "20"))
        .contains("province_code = '20'");
    assertThat(AccessRules.rowFilter(Tables.WARD_MONTH_KPIS, "180"))
        .contains("district_code = '180'");
    assertThat(AccessRules.rowFilter(Tables.WARD_MONTH_KPIS, "06325"))
        .contains("ward_code = '06325'");
    assertThat(AccessRules.rowFilter(Tables.WARD_MONTH_KPIS_CURRENT, "20"))
        .contains("province_code = '20'");
    assertThat(AccessRules.rowFilter(Tables.SERVICE_MONTH, "20").orElseThrow())
        .startsWith(
            "ward_code IN (SELECT ward_code FROM delta.gold.dim_ward WHERE province_code = '20'");
    assertThat(AccessRules.rowFilter(Tables.TARGET_PROGRESS, "06325"))
        .contains("unit_code = '06325'");
    assertThat(AccessRules.rowFilter(Tables.DIM_SERVICE, "20")).isEmpty();
    for (String table : Tables.GOLD_TABLES) {
      if (!table.equals(Tables.DIM_SERVICE)) {
        assertThat(AccessRules.rowFilter(table, "06325")).as(table).isPresent();
      }
    }
    assertThatThrownBy(() -> AccessRules.rowFilter(Tables.WARD_MONTH_KPIS, "2' OR '1'='1"))
        .hasMessageContaining("Cannot read unit code");
  }

  @Test
  void analystsGetOnlyGoldAndSafeOpsTablesWhileAdminsGetEverything() throws Exception {
    JsonNode rules =
        new ObjectMapper()
            .readTree(
                AccessRules.json(
                    List.of(
                        new User("chu.tich", "20", Role.ADMIN, HASH, null),
                        new User("analyst", "06325", Role.ANALYST, HASH, null)),
                    "da06-system"));
    JsonNode tables = rules.get("tables");
    assertThat(tables.get(0).get("user").asText()).isEqualTo("^(da06-system|chu\\.tich)$");
    List<String> analystSchemas = new ArrayList<>();
    for (JsonNode rule : tables) {
      if (rule.has("user") && rule.get("user").asText().equals("^(analyst)$")) {
        analystSchemas.add(rule.get("schema").asText());
        assertThat(rule.get("privileges").toString()).isEqualTo("[\"SELECT\"]");
        if (rule.get("schema").asText().equals(Tables.OPS)) {
          assertThat(rule.get("table").asText())
              .isEqualTo(String.join("|", AccessRules.OPS_READABLE));
        }
      }
    }
    assertThat(analystSchemas)
        .contains(Tables.GOLD, Tables.OPS)
        .allMatch(s -> s.equals(Tables.GOLD) || s.equals(Tables.OPS));
    assertThat(tables.toString())
        .doesNotContain("silver")
        .doesNotContain("bronze")
        .doesNotContain("quarantine");
    assertThat(tables.get(tables.size() - 1).toString()).isEqualTo("{\"privileges\":[]}");
  }

  @Test
  void viewersReadNoTableThroughSql() throws Exception {
    String json =
        AccessRules.json(
            List.of(
                new User("xem", "06325", Role.VIEWER, HASH, null),
                new User("analyst", "06325", Role.ANALYST, HASH, null)),
            "da06-system");
    JsonNode tables = new ObjectMapper().readTree(json).get("tables");
    List<String> usersWithTables = new ArrayList<>();
    tables.forEach(
        rule -> {
          if (rule.has("user")
              && rule.has("catalog")
              && rule.get("catalog").asText().equals("delta")) {
            usersWithTables.add(rule.get("user").asText());
          }
        });
    assertThat(usersWithTables).contains("^(analyst)$").noneMatch(user -> user.contains("xem"));
    // The ops rule names its readers, so a viewer does not fall into it either.
    tables.forEach(
        rule -> {
          if (rule.has("schema") && rule.get("schema").asText().equals(Tables.OPS)) {
            assertThat(rule.has("user")).as(rule.toString()).isTrue();
          }
        });
  }

  @Test
  void theDashboardServiceUserReadsAllOfGoldAndNothingElse() throws Exception {
    JsonNode tables =
        new ObjectMapper()
            .readTree(
                AccessRules.json(
                    List.of(new User("analyst", "06325", Role.ANALYST, HASH, null)),
                    "da06-system",
                    List.of("da06-dashboard")))
            .get("tables");
    List<JsonNode> rules = new ArrayList<>();
    tables.forEach(
        rule -> {
          if (rule.has("user") && rule.get("user").asText().equals("^(da06-dashboard)$")) {
            rules.add(rule);
          }
        });
    assertThat(rules).hasSize(1);
    JsonNode rule = rules.get(0);
    assertThat(rule.get("catalog").asText()).isEqualTo("delta");
    assertThat(rule.get("schema").asText()).isEqualTo("gold");
    assertThat(rule.has("table")).as("every gold table and its $history").isFalse();
    assertThat(rule.has("filter")).as("the dashboard scopes each web user itself").isFalse();
    assertThat(rule.get("privileges").toString()).isEqualTo("[\"SELECT\"]");
    // Without service users there is no such rule.
    assertThat(AccessRules.json(List.of(), "da06-system")).doesNotContain("da06-dashboard");
  }
}
