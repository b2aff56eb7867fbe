package vn.da06.warehouse.access;

import java.util.Locale;

/**
 * What a user may do within their unit. Every role reads; the difference is in what else they may
 * do.
 */
public enum Role {
  /** Reads the dashboard pages of their unit and downloads their tables (CSV, XLSX). */
  VIEWER,
  /**
   * Also the row-level detail, the JSON API with a personal token, and SQL through Trino (gold,
   * their rows).
   */
  ANALYST,
  /** Also the users and audit page of their unit; in Trino every schema. */
  ADMIN;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role parse(String value) {
    for (Role role : values()) {
      if (role.id().equals(value)) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "Cannot use role '" + value + "': it is not one of viewer, analyst, admin");
  }
}
