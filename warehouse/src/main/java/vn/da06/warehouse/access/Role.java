package vn.da06.warehouse.access;

import java.util.Locale;

/** What a user may do within their unit. Every role reads; the difference is in what else they may do. */
public enum Role {
  /** Reads the pages of their unit. */
  VIEWER,
  /** Also exports and queries (Trino, read-only on gold). */
  ANALYST,
  /** Also manages users of their unit. */
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
