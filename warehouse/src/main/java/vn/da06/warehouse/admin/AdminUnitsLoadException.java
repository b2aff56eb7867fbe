package vn.da06.warehouse.admin;

/**
 * The admin-unit lists could not be loaded for a reason the operator can fix (a missing package, a
 * malformed file). The message says what, why and how to fix it; entry points print it without a
 * stack trace.
 */
public final class AdminUnitsLoadException extends IllegalStateException {
  AdminUnitsLoadException(String message) {
    super(message);
  }

  AdminUnitsLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
