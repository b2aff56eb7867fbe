package vn.da06.warehouse;

/**
 * Why a row was set aside in {@code ops.quarantine} instead of loaded. Codes are a public
 * interface: the generator's manifest and operators' queries use them.
 */
public enum QuarantineReason {
  /** A required value is empty. */
  MISSING_VALUE,
  /** A value cannot be parsed as its type (timestamp, date, integer, number, boolean). */
  UNPARSEABLE_VALUE,
  /**
   * A value is not one of its enumeration (level, channel, status, auth_method, sex,
   * residence_type; service_dossiers' optional online_scope, fee, result_digitized).
   */
  BAD_ENUM,
  /** A ward code is not 5 digits, or not a unit of the list valid on the row's date. */
  UNKNOWN_WARD,
  /** A code other than a ward code is unknown (target metric, target unit). */
  UNKNOWN_CODE,
  /** eid_applications: activated_at before received_at. */
  ACTIVATED_BEFORE_RECEIVED,
  /** eid_applications: activated_at set on a REJECTED application. */
  ACTIVATED_WHEN_REJECTED,
  /** eid_applications: level 2 with channel APP (level 2 needs a police office or mobile team). */
  LEVEL2_VIA_APP,
  /**
   * Other impossible values: resolved before submitted, deadline before period start, a negative
   * count, an online_scope on a dossier whose channel is not ONLINE.
   */
  IMPOSSIBLE_VALUE,
  /** A text longer than the contract allows (ids ≤ 64). */
  VALUE_TOO_LONG,
  /**
   * A free-text field (targets: {@code campaign}) holds a control character (U+0000–U+001F,
   * U+007F–U+009F: tab, CR, LF…), which would break the CSV and spreadsheet cells it reaches.
   */
  CONTROL_CHARACTER
}
