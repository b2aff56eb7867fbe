package vn.da06.warehouse.trino;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the warehouse lives, as Trino's {@code delta} catalog must reach it: a local folder, an
 * HDFS URI ({@code hdfs://namenode:8020/da06/warehouse}) or an S3 URI ({@code
 * s3a://bucket/warehouse}, {@code s3://…}). It writes the file-system part of {@code
 * etc/catalog/delta.properties} and the location of each schema and table to register. Secrets are
 * never written: S3 keys are referenced as {@code ${ENV:AWS_ACCESS_KEY_ID}}, which Trino reads from
 * its own environment at start.
 *
 * @param uri the warehouse root: an absolute local path, or an {@code hdfs://}, {@code s3a://} or
 *     {@code s3://} URI
 * @param scheme which file system
 */
public record WarehouseLocation(String uri, Scheme scheme) {
  /** The file systems Trino 476's Delta Lake connector is configured for here. */
  public enum Scheme {
    LOCAL,
    HDFS,
    S3
  }

  /** Environment variables read when the catalog is generated (values, never keys, are written). */
  public static final String S3_ENDPOINT = "DA06_S3_ENDPOINT";

  public static final String S3_REGION = "DA06_S3_REGION";
  public static final String S3_PATH_STYLE = "DA06_S3_PATH_STYLE";
  public static final String HADOOP_CONFIG = "DA06_HADOOP_CONFIG";

  public WarehouseLocation {
    requireNonNull(uri, "uri is null");
    requireNonNull(scheme, "scheme is null");
    while (uri.length() > 1 && uri.endsWith("/") && !uri.endsWith("://")) {
      uri = uri.substring(0, uri.length() - 1);
    }
  }

  /** A local folder, made absolute. */
  public static WarehouseLocation local(Path folder) {
    return new WarehouseLocation(folder.toAbsolutePath().normalize().toString(), Scheme.LOCAL);
  }

  /**
   * Parses what a user passed as {@code --warehouse}: a path, or a URI with scheme hdfs, s3a, s3
   * (or file).
   */
  public static WarehouseLocation parse(String text) {
    requireNonNull(text, "text is null");
    int colon = text.indexOf("://");
    if (colon < 0) {
      return local(Path.of(text));
    }
    String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "Cannot read warehouse location "
              + text
              + ": "
              + e.getMessage()
              + " (use a folder, hdfs://host:port/path or s3a://bucket/path)");
    }
    return switch (scheme) {
      case "file" -> local(Path.of(uri));
      case "hdfs" -> {
        if (uri.getHost() == null) {
          throw new IllegalArgumentException(
              "Cannot read warehouse location "
                  + text
                  + ": an HDFS location names its namenode (hdfs://namenode:8020/path)");
        }
        yield new WarehouseLocation(text, Scheme.HDFS);
      }
      case "s3", "s3a" -> {
        if (uri.getHost() == null) {
          throw new IllegalArgumentException(
              "Cannot read warehouse location "
                  + text
                  + ": an S3 location names its bucket (s3a://bucket/path)");
        }
        yield new WarehouseLocation(text, Scheme.S3);
      }
      default ->
          throw new IllegalArgumentException(
              "Cannot serve warehouse "
                  + text
                  + ": scheme '"
                  + scheme
                  + "' is not supported (use a folder, hdfs://… or s3a://…)");
    };
  }

  public boolean isLocal() {
    return scheme == Scheme.LOCAL;
  }

  /** The local folder; only for a local warehouse. */
  public Path path() {
    if (!isLocal()) {
      throw new IllegalStateException("Cannot use " + uri + " as a local folder");
    }
    return Path.of(uri);
  }

  /**
   * Where Trino finds a layer's schema: {@code local:///gold} (relative to local.location) or
   * {@code <uri>/gold}.
   */
  public String schemaLocation(String layer) {
    return (isLocal() ? "local://" : uri) + "/" + layer;
  }

  public String tableLocation(String layer, String table) {
    return schemaLocation(layer) + "/" + table;
  }

  /**
   * The catalog properties of {@code delta.properties} for this location, in order. {@code
   * environment} is where the optional S3 and HDFS settings are read from (the process's
   * environment in production).
   */
  public Map<String, String> catalogProperties(Map<String, String> environment) {
    Map<String, String> catalog = new LinkedHashMap<>();
    catalog.put("connector.name", "delta_lake");
    catalog.put("hive.metastore", "file");
    switch (scheme) {
      case LOCAL -> {
        catalog.put("hive.metastore.catalog.dir", "local:///_trino_metastore");
        catalog.put("fs.native-local.enabled", "true");
        catalog.put("local.location", uri);
      }
      case HDFS -> {
        catalog.put("hive.metastore.catalog.dir", uri + "/_trino_metastore");
        catalog.put("fs.hadoop.enabled", "true");
        hadoopResources(environment)
            .ifPresent(resources -> catalog.put("hive.config.resources", resources));
      }
      case S3 -> {
        catalog.put("hive.metastore.catalog.dir", uri + "/_trino_metastore");
        catalog.put("fs.native-s3.enabled", "true");
        String endpoint = blankToNull(environment.get(S3_ENDPOINT));
        String region =
            firstNonBlank(environment.get(S3_REGION), environment.get("AWS_REGION"), "us-east-1");
        if (endpoint != null) {
          catalog.put("s3.endpoint", endpoint);
        }
        catalog.put("s3.region", region);
        // MinIO and most S3-compatible stores need path-style requests; AWS works with either.
        String pathStyle =
            firstNonBlank(environment.get(S3_PATH_STYLE), endpoint != null ? "true" : "false");
        if (!pathStyle.equals("true") && !pathStyle.equals("false")) {
          throw new IllegalArgumentException(
              "Cannot read " + S3_PATH_STYLE + "='" + pathStyle + "': use true or false");
        }
        catalog.put("s3.path-style-access", pathStyle);
        // Keys stay in the environment: Trino substitutes ${ENV:…} when it loads the catalog.
        // Without them
        // Trino uses the AWS default chain (instance profile, ~/.aws).
        if (blankToNull(environment.get("AWS_ACCESS_KEY_ID")) != null) {
          if (blankToNull(environment.get("AWS_SECRET_ACCESS_KEY")) == null) {
            throw new IllegalArgumentException(
                "Cannot configure S3 access: AWS_ACCESS_KEY_ID is set but"
                    + " AWS_SECRET_ACCESS_KEY is not (export both, or neither to use the AWS default credentials)");
          }
          catalog.put("s3.aws-access-key", "${ENV:AWS_ACCESS_KEY_ID}");
          catalog.put("s3.aws-secret-key", "${ENV:AWS_SECRET_ACCESS_KEY}");
        }
      }
      default -> throw new IllegalStateException("unknown scheme " + scheme);
    }
    catalog.put("delta.register-table-procedure.enabled", "true");
    catalog.put("hive.metastore.disable-location-checks", "true");
    // The analysts' "latest month" queries join a one-row subquery on the month partition: split
    // generation
    // waits up to this long for that dynamic filter, so only the latest month's files are read.
    catalog.put("delta.dynamic-filtering.wait-timeout", "1s");
    // No table statistics: SHOW STATS (and the planner's estimates it prints) would give a
    // ward-scoped analyst the whole table's low and high values and distinct counts, past the row
    // filter (docs/security.md). Analysts may not set catalog session properties to turn them on.
    catalog.put("delta.table-statistics-enabled", "false");
    return catalog;
  }

  /**
   * hive.config.resources: DA06_HADOOP_CONFIG as given, else core-site.xml and hdfs-site.xml of
   * HADOOP_CONF_DIR.
   */
  private static java.util.Optional<String> hadoopResources(Map<String, String> environment) {
    String given = blankToNull(environment.get(HADOOP_CONFIG));
    if (given != null) {
      for (String file : given.split(",")) {
        if (!Files.isRegularFile(Path.of(file.trim()))) {
          throw new IllegalArgumentException(
              "Cannot use Hadoop configuration "
                  + file.trim()
                  + " from "
                  + HADOOP_CONFIG
                  + ": the file does not exist (give comma-separated core-site.xml/hdfs-site.xml paths)");
        }
      }
      return java.util.Optional.of(given);
    }
    String confDir = blankToNull(environment.get("HADOOP_CONF_DIR"));
    if (confDir == null) {
      return java.util.Optional.empty();
    }
    List<String> files = new ArrayList<>();
    for (String name : List.of("core-site.xml", "hdfs-site.xml")) {
      Path file = Path.of(confDir, name);
      if (Files.isRegularFile(file)) {
        files.add(file.toAbsolutePath().toString());
      }
    }
    return files.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(String.join(",", files));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (blankToNull(value) != null) {
        return value.trim();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return uri;
  }
}
