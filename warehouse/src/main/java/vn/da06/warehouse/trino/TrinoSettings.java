package vn.da06.warehouse.trino;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where a Trino server of the project lives and what it serves, parsed once at the entry point.
 *
 * @param warehouse the warehouse root (a local folder, hdfs:// or s3a:// URI): {@code
 *     <warehouse>/<layer>/<table>} are Delta tables
 * @param port the HTTPS port, bound to {@link #host()} only
 * @param host the address the server binds to and clients connect to
 * @param home the server's own folder: generated etc/, keystore, data, logs and pid file
 * @param usersFile the users file shared with the dashboard ({@code config/users.yaml})
 * @param install where Trino is unpacked (shared by every server of the machine)
 */
public record TrinoSettings(
    WarehouseLocation warehouse, int port, String host, Path home, Path usersFile, Path install) {
  public static final String VERSION = "476";
  public static final int DEFAULT_PORT = 8443;

  public TrinoSettings {
    requireNonNull(warehouse, "warehouse is null");
    requireNonNull(host, "host is null");
    requireNonNull(home, "home is null");
    requireNonNull(usersFile, "usersFile is null");
    requireNonNull(install, "install is null");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "Cannot use port " + port + ": a port is between 1 and 65535");
    }
    home = home.toAbsolutePath().normalize();
    usersFile = usersFile.toAbsolutePath().normalize();
    install = install.toAbsolutePath().normalize();
  }

  /** A server over a local warehouse folder. */
  public TrinoSettings(
      Path warehouse, int port, String host, Path home, Path usersFile, Path install) {
    this(
        WarehouseLocation.local(requireNonNull(warehouse, "warehouse is null")),
        port,
        host,
        home,
        usersFile,
        install);
  }

  /** The default install cache: {@code ~/.cache/da06/trino-476}. */
  public static Path defaultInstall() {
    return Path.of(System.getProperty("user.home"), ".cache", "da06", "trino-" + VERSION);
  }

  public Path etc() {
    return home.resolve("etc");
  }

  public Path data() {
    return home.resolve("data");
  }

  public Path pidFile() {
    return data().resolve("var/run/launcher.pid");
  }

  public Path serverLog() {
    return data().resolve("var/log/server.log");
  }

  /**
   * The client truststore (PKCS12, the server certificate only); its password is {@link
   * #trustStorePassword()}.
   */
  public Path trustStore() {
    return home.resolve("truststore.p12");
  }

  /** The server certificate in PEM, which trino-jdbc and DBeaver also accept as a truststore. */
  public Path certificatePem() {
    return home.resolve("trino.pem");
  }

  /**
   * The truststore holds nothing secret (a public certificate); its password only satisfies the
   * format.
   */
  public String trustStorePassword() {
    return "da06-truststore";
  }

  /**
   * The password file of the dashboard's read-only service user (see {@link
   * TrinoServer#DASHBOARD_USER}).
   */
  public Path dashboardPasswordFile() {
    return home.resolve("dashboard.password");
  }

  public String jdbcUrl() {
    return "jdbc:trino://"
        + host
        + ":"
        + port
        + "?SSL=true&SSLTrustStorePath="
        + trustStore()
        + "&SSLTrustStorePassword="
        + trustStorePassword();
  }
}
