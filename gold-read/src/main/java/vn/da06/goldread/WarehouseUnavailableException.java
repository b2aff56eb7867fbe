package vn.da06.goldread;

/** There is no gold to show: the message says why and what to run. */
public final class WarehouseUnavailableException extends RuntimeException {
  public WarehouseUnavailableException(String message) {
    super(message);
  }

  public WarehouseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
