package vn.da06.goldread;

/**
 * Where the dashboard reads gold from. The Delta Kernel implementation holds an immutable in-memory
 * copy and swaps it whole when a newer Delta version appears; a request takes {@link #current()}
 * once and reads only that.
 */
public interface KpiStore {

  /**
   * The data to answer one request with.
   *
   * @throws WarehouseUnavailableException when there is no gold to show yet; its message says what
   *     to run
   */
  GoldData current();
}
