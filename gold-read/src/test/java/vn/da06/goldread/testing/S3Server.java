package vn.da06.goldread.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real S3-compatible server for tests: S3Proxy ({@code org.gaul:s3proxy}, pinned in {@code
 * gold-read/src/test/s3proxy/pom.xml}) backed by a local folder (jclouds' {@code filesystem}
 * provider), in a JVM of its own on 127.0.0.1 and a free port, with AWS v2/v4 signatures checked
 * against a test identity. Path-style requests only (no virtual hosts), as MinIO and most
 * S3-compatible stores are reached.
 *
 * <p>Each bucket is a folder of {@link #dataDir()} and each object a file below it, so a test can
 * see exactly what was written. The keys are made up per start; they are written only to the
 * server's properties file (mode 600), never to a command line.
 *
 * <p>S3Proxy 2.6.0 refuses the trailing checksums ({@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}) that
 * S3A's {@code copyFromLocalFile} ({@code hadoop fs -put}) sends through the AWS SDK's transfer
 * manager; what Spark, Delta and the readers do (streamed PUTs, GETs, lists, copies, deletes)
 * works. Upload test files with {@code FileUtil.copy}, which streams.
 *
 * <pre>{@code
 * try (S3Server s3 = S3Server.start(dir)) {
 *   s3.createBucket("da06");
 *   ProcessBuilder job = ...; job.environment().putAll(s3.env());
 * }
 * }</pre>
 */
public final class S3Server implements AutoCloseable {
  /** The region S3A and the AWS SDK sign requests for; S3Proxy accepts any. */
  public static final String REGION = "us-east-1";

  private final Process process;
  private final Path dataDir;
  private final Path log;
  private final int port;
  private final String accessKey;
  private final String secretKey;

  private S3Server(
      Process process, Path dataDir, Path log, int port, String accessKey, String secretKey) {
    this.process = process;
    this.dataDir = dataDir;
    this.log = log;
    this.port = port;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /**
   * Starts S3Proxy with its buckets in {@code dir/data} and its classpath, properties and log in
   * {@code dir}; returns once it accepts connections (the first start resolves S3Proxy's jars from
   * Maven, ~20 s; later starts ~2 s).
   */
  public static S3Server start(Path dir) throws IOException, InterruptedException {
    Path dataDir = dir.resolve("data");
    Files.createDirectories(dataDir);
    String classpath = MavenClasspath.resolve("gold-read/src/test/s3proxy", dir, Map.of());
    SecureRandom random = new SecureRandom();
    String accessKey = "da06test" + HexFormat.of().formatHex(random.generateSeed(6));
    String secretKey = HexFormat.of().formatHex(random.generateSeed(20));
    int port = freePort();

    Properties properties = new Properties();
    properties.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
    properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    // Trino's S3 client (AWS SDK v2) sends x-amz- headers S3Proxy does not implement (checksums):
    // it
    // answers 501 to a whole request for them unless told to ignore headers it does not know.
    properties.setProperty("s3proxy.ignore-unknown-headers", "true");
    properties.setProperty("s3proxy.identity", accessKey);
    properties.setProperty("s3proxy.credential", secretKey);
    properties.setProperty("jclouds.provider", "filesystem");
    properties.setProperty("jclouds.filesystem.basedir", dataDir.toAbsolutePath().toString());
    properties.setProperty("jclouds.identity", "local");
    properties.setProperty("jclouds.credential", "local");
    Path propertiesFile = dir.resolve("s3proxy.properties");
    Files.deleteIfExists(propertiesFile);
    Files.createFile(
        propertiesFile,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (OutputStream out = Files.newOutputStream(propertiesFile, StandardOpenOption.WRITE)) {
      properties.store(out, "S3Proxy for da06 tests (test keys, made up at start)");
    }

    // S3Proxy logs every request at DEBUG by default: 30 MB for a few uploads.
    Path logback = dir.resolve("s3proxy-logback.xml");
    Files.writeString(
        logback,
        "<configuration><appender name=\"out\" class=\"ch.qos.logback.core.ConsoleAppender\">"
            + "<encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>"
            + "</appender><root level=\"WARN\"><appender-ref ref=\"out\"/></root></configuration>");
    Path log = dir.resolve("s3proxy.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-Dlogback.configurationFile=" + logback,
            "-cp",
            classpath));
    command.addAll(List.of("org.gaul.s3proxy.Main", "--properties", propertiesFile.toString()));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    S3Server server = new S3Server(process, dataDir, log, port, accessKey, secretKey);
    try {
      server.awaitListening(60);
    } catch (RuntimeException | IOException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitListening(int seconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "S3Proxy exited with " + process.exitValue() + " before listening; its log:\n" + log());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException(
        "S3Proxy did not listen on 127.0.0.1:"
            + port
            + " within "
            + seconds
            + " s; its log:\n"
            + log());
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /** The folder holding one folder per bucket, each object a file below it. */
  public Path dataDir() {
    return dataDir;
  }

  /** The folder of a bucket's objects. */
  public Path bucketDir(String bucket) {
    return dataDir.resolve(bucket);
  }

  /**
   * Creates a bucket. With the filesystem provider a bucket is a folder of {@link #dataDir()};
   * creating it there needs no S3 client in the test JVM.
   */
  public void createBucket(String name) {
    try {
      Files.createDirectories(bucketDir(name));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create bucket " + name + ": " + e.getMessage(), e);
    }
  }

  /** The keys of every object of a bucket, sorted ({@code a/b/c.parquet}). */
  public List<String> objectKeys(String bucket) {
    Path root = bucketDir(bucket);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> root.relativize(file).toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What an operator exports for every da06 component to reach this server: the endpoint,
   * path-style access, the region and the keys (AWS' own variable names, which S3A, the AWS SDK and
   * Trino read).
   */
  public Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DA06_S3_ENDPOINT", endpoint());
    env.put("DA06_S3_PATH_STYLE", "true");
    env.put("DA06_S3_REGION", REGION);
    env.put("AWS_REGION", REGION);
    env.put("AWS_ACCESS_KEY_ID", accessKey);
    env.put("AWS_SECRET_ACCESS_KEY", secretKey);
    return env;
  }

  /**
   * The Hadoop S3A settings that reach this server, without keys (S3A takes those from the
   * environment or a credentials file): {@code fs.s3a.endpoint}, path-style access, region, plain
   * HTTP.
   */
  public Map<String, String> hadoopConf() {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("fs.s3a.endpoint", endpoint());
    conf.put("fs.s3a.path.style.access", "true");
    conf.put("fs.s3a.endpoint.region", REGION);
    conf.put("fs.s3a.connection.ssl.enabled", "false");
    return conf;
  }

  /**
   * Copies a local folder (its files and sub-folders) to {@code s3aUri} through S3A, with this
   * server's keys in memory only. Streamed PUTs ({@code FileUtil.copy}): S3A's {@code
   * copyFromLocalFile} sends trailing checksums S3Proxy refuses.
   */
  public void upload(Path localFolder, String s3aUri) throws IOException {
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
    hadoopConf().forEach(conf::set);
    conf.set("fs.s3a.access.key", accessKey);
    conf.set("fs.s3a.secret.key", secretKey);
    try (org.apache.hadoop.fs.FileSystem fs =
        org.apache.hadoop.fs.FileSystem.newInstance(java.net.URI.create(s3aUri), conf)) {
      org.apache.hadoop.fs.FileUtil.copy(
          org.apache.hadoop.fs.FileSystem.getLocal(conf),
          new org.apache.hadoop.fs.Path(localFolder.toUri()),
          fs,
          new org.apache.hadoop.fs.Path(s3aUri),
          false,
          conf);
    }
  }

  /** {@link #hadoopConf()} as Spark settings ({@code spark.hadoop.fs.s3a.*}). */
  public Map<String, String> sparkConf() {
    Map<String, String> conf = new LinkedHashMap<>();
    hadoopConf().forEach((key, value) -> conf.put("spark.hadoop." + key, value));
    return conf;
  }

  /** S3Proxy's output so far (for failure messages). */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
