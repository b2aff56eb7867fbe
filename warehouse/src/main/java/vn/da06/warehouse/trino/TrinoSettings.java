package vn.da06.warehouse.trino;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

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
 * @param nodes how many workers beside the coordinator, their ports and each JVM's heap
 */
public record TrinoSettings(
    WarehouseLocation warehouse,
    int port,
    String host,
    Path home,
    Path usersFile,
    Path install,
    Nodes nodes) {
  public static final String VERSION = "476";
  public static final int DEFAULT_PORT = 8443;

  /**
   * The shape of the server: one node that coordinates and runs every query ({@link #single()}), or
   * a coordinator that only coordinates and {@code workers} worker processes on the same host.
   *
   * @param workers worker processes beside the coordinator (0: the coordinator runs the queries)
   * @param firstWorkerPort worker {@code i} (1-based) listens on {@code firstWorkerPort + i - 1}; 0
   *     means the port after the coordinator's
   * @param coordinatorHeap the coordinator's -Xmx, e.g. {@code 2G} or {@code 1536M}
   * @param workerHeap each worker's -Xmx
   */
  public record Nodes(int workers, int firstWorkerPort, String coordinatorHeap, String workerHeap) {
    private static final java.util.regex.Pattern HEAP =
        java.util.regex.Pattern.compile("[1-9][0-9]*[MG]");

    public Nodes {
      requireNonNull(coordinatorHeap, "coordinatorHeap is null");
      requireNonNull(workerHeap, "workerHeap is null");
      if (workers < 0) {
        throw new IllegalArgumentException(
            "Cannot start " + workers + " workers: give 0 or more (--workers)");
      }
      if (firstWorkerPort != 0 && (firstWorkerPort < 1 || firstWorkerPort > 65535)) {
        throw new IllegalArgumentException(
            "Cannot use worker port " + firstWorkerPort + ": a port is between 1 and 65535");
      }
      for (String heap : List.of(coordinatorHeap, workerHeap)) {
        if (!HEAP.matcher(heap).matches() || megabytes(heap) < 512) {
          throw new IllegalArgumentException(
              "Cannot use heap size '"
                  + heap
                  + "': give megabytes or gigabytes, 512M or more (e.g. 1G, 1536M)");
        }
      }
    }

    /** One node with a 2 GB heap: what {@code ./da06 trino start} always ran before workers. */
    public static Nodes single() {
      return new Nodes(0, 0, "2G", "1G");
    }

    /**
     * {@code workers} workers with the defaults of a 2-core, 24 GiB machine shared with Spark: 0 is
     * {@link #single()}; otherwise 1 GB for the coordinator (it only plans and merges) and 1 GB per
     * worker.
     */
    public static Nodes of(int workers) {
      return workers == 0 ? single() : new Nodes(workers, 0, "1G", "1G");
    }

    public boolean isCluster() {
      return workers > 0;
    }

    /** Heap given as {@code 2G} or {@code 1536M}, in megabytes. */
    public static long megabytes(String heap) {
      long number = Long.parseLong(heap.substring(0, heap.length() - 1));
      return heap.endsWith("G") ? number * 1024 : number;
    }

    /**
     * query.max-memory-per-node for a heap: half of it, so that Trino's default 30% headroom fits.
     */
    public static String queryMemoryPerNode(String heap) {
      long half = megabytes(heap) / 2;
      return half % 1024 == 0 ? half / 1024 + "GB" : half + "MB";
    }
  }

  /** A worker process: its own folder (etc/, data/, logs, pid file) and HTTPS port. */
  public record Worker(int number, Path home, int port) {

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

    public String name() {
      return "worker-" + number;
    }
  }

  public TrinoSettings {
    requireNonNull(warehouse, "warehouse is null");
    requireNonNull(nodes, "nodes is null");
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

  /** A single-node server (see {@link Nodes#single()}). */
  public TrinoSettings(
      WarehouseLocation warehouse, int port, String host, Path home, Path usersFile, Path install) {
    this(warehouse, port, host, home, usersFile, install, Nodes.single());
  }

  /** A single-node server over a local warehouse folder. */
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

  /** The same settings with another shape (the same home, certificate and metastore). */
  public TrinoSettings withNodes(Nodes other) {
    return new TrinoSettings(warehouse, port, host, home, usersFile, install, other);
  }

  /**
   * The workers of this shape: worker {@code i} in {@code <home>/worker-<i>}, on the {@code i}-th
   * port from {@link Nodes#firstWorkerPort()} (or from the coordinator's port + 1).
   */
  public List<Worker> workers() {
    int first = nodes.firstWorkerPort() == 0 ? port + 1 : nodes.firstWorkerPort();
    List<Worker> workers = new java.util.ArrayList<>();
    for (int i = 1; i <= nodes.workers(); i++) {
      int workerPort = first + i - 1;
      if (workerPort > 65535) {
        throw new IllegalArgumentException(
            "Cannot give worker "
                + i
                + " port "
                + workerPort
                + ": past 65535 (pass a lower --port or --worker-port)");
      }
      workers.add(new Worker(i, home.resolve("worker-" + i), workerPort));
    }
    return List.copyOf(workers);
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
