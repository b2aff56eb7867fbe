package vn.da06.orchestration.report;

/** An expected problem a user can fix (bad input, missing data): printed without a stack trace. */
public final class ReportException extends RuntimeException {
  public ReportException(String message) {
    super(message);
  }

  public ReportException(String message, Throwable cause) {
    super(message, cause);
  }
}
