package vn.da06.warehouse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Hadoop S3A settings ({@code fs.s3a.*}) every component that reads or writes an {@code s3a://}
 * warehouse or inbox uses — the Spark pipeline, the dashboard and the reports — taken from the same
 * environment variables as Trino's catalog ({@link vn.da06.warehouse.trino.WarehouseLocation}), so
 * an operator sets one set of variables:
 *
 * <ul>
 *   <li>{@code DA06_S3_ENDPOINT}: an S3-compatible server (MinIO, S3Proxy, Ceph), e.g. {@code
 *       http://minio:9000}; unset for AWS S3 itself.
 *   <li>{@code DA06_S3_PATH_STYLE}: {@code true} or {@code false}; default {@code true} when an
 *       endpoint is set.
 *   <li>{@code DA06_S3_REGION}, else {@code AWS_REGION}: the signing region; default {@code
 *       us-east-1} when an endpoint is set.
 * </ul>
 *
 * <p>Keys are never settings here. S3A looks for them, in this order: {@code fs.s3a.access.key} /
 * {@code fs.s3a.secret.key} (best from a Hadoop credential provider file, {@code
 * hadoop.security.credential.provider.path}), the environment ({@code AWS_ACCESS_KEY_ID}, {@code
 * AWS_SECRET_ACCESS_KEY}), the AWS credentials file ({@code AWS_SHARED_CREDENTIALS_FILE}, default
 * {@code ~/.aws/credentials}, profile {@code AWS_PROFILE}), then an EC2/ECS instance role.
 */
public final class S3aSettings {
  public static final String ENDPOINT = "DA06_S3_ENDPOINT";
  public static final String REGION = "DA06_S3_REGION";
  public static final String PATH_STYLE = "DA06_S3_PATH_STYLE";

  /** S3A's default chain plus the AWS credentials file, which S3A alone does not read. */
  public static final List<String> CREDENTIAL_PROVIDERS =
      List.of(
          "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider",
          "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
          "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider",
          "software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider",
          "org.apache.hadoop.fs.s3a.auth.IAMInstanceCredentialsProvider");

  private S3aSettings() {}

  /** Whether {@code location} is on S3 ({@code s3a://}, {@code s3://}). */
  public static boolean isS3(String location) {
    return location.startsWith("s3a://") || location.startsWith("s3://");
  }

  /**
   * The {@code fs.s3a.*} settings for {@code environment} (the process's environment in
   * production), in order; never a key or secret.
   */
  public static Map<String, String> hadoopConf(Map<String, String> environment) {
    Map<String, String> conf = new LinkedHashMap<>();
    // s3:// as well as s3a://: the same file system (what Trino and AWS tools write).
    conf.put("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    conf.put("fs.s3a.aws.credentials.provider", String.join(",", CREDENTIAL_PROVIDERS));
    String endpoint = blankToNull(environment.get(ENDPOINT));
    if (endpoint != null) {
      if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
        throw new IllegalArgumentException(
            "Cannot use "
                + ENDPOINT
                + "='"
                + endpoint
                + "': give the server's URL with its scheme (http://host:9000 or https://host)");
      }
      conf.put("fs.s3a.endpoint", endpoint);
      conf.put("fs.s3a.connection.ssl.enabled", String.valueOf(endpoint.startsWith("https://")));
    }
    String pathStyle =
        firstNonBlank(environment.get(PATH_STYLE), endpoint != null ? "true" : "false");
    if (!pathStyle.equals("true") && !pathStyle.equals("false")) {
      throw new IllegalArgumentException(
          "Cannot read " + PATH_STYLE + "='" + pathStyle + "': use true or false");
    }
    conf.put("fs.s3a.path.style.access", pathStyle);
    String region =
        firstNonBlank(
            environment.get(REGION),
            environment.get("AWS_REGION"),
            endpoint != null ? "us-east-1" : null);
    if (region != null) {
      conf.put("fs.s3a.endpoint.region", region);
    }
    return conf;
  }

  /** {@link #hadoopConf} as Spark settings ({@code spark.hadoop.fs.s3a.*}). */
  public static Map<String, String> sparkConf(Map<String, String> environment) {
    Map<String, String> conf = new LinkedHashMap<>();
    hadoopConf(environment).forEach((key, value) -> conf.put("spark.hadoop." + key, value));
    return conf;
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
}
