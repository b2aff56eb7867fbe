package vn.da06.dashboard.web;

/**
 * An expected refusal with its HTTP status: shown to the person as a sentence, never as a stack
 * trace.
 */
final class DashboardException extends RuntimeException {
  private final int status;

  DashboardException(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }

  static DashboardException badRequest(String message) {
    return new DashboardException(400, message);
  }

  static DashboardException forbidden(String message) {
    return new DashboardException(403, message);
  }

  static DashboardException notFound(String message) {
    return new DashboardException(404, message);
  }
}
