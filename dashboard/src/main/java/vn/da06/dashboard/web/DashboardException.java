package vn.da06.dashboard.web;

/**
 * An expected refusal with its HTTP status: shown to the person as a sentence, never as a stack
 * trace.
 */
final class DashboardException extends RuntimeException {
  private final int status;
  private final String vietnamese;

  DashboardException(int status, String message) {
    this(status, message, null);
  }

  /** A refusal with its sentence in English and, for the Vietnamese page, in Vietnamese. */
  DashboardException(int status, String message, String vietnamese) {
    super(message);
    this.status = status;
    this.vietnamese = vietnamese;
  }

  int status() {
    return status;
  }

  /** The sentence for the Vietnamese page; null when there is none. */
  String vietnamese() {
    return vietnamese;
  }

  static DashboardException badRequest(String message) {
    return new DashboardException(400, message);
  }

  static DashboardException forbidden(String message) {
    return new DashboardException(403, message);
  }

  static DashboardException forbidden(String message, String vietnamese) {
    return new DashboardException(403, message, vietnamese);
  }

  static DashboardException notFound(String message) {
    return new DashboardException(404, message);
  }
}
