package vn.da06.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class S3aSettingsTest {
  @Test
  void anEndpointMeansPathStyleUsEast1AndPlainHttpWhenItsUrlSaysSo() {
    Map<String, String> conf =
        S3aSettings.hadoopConf(
            Map.of("DA06_S3_ENDPOINT", "http://127.0.0.1:9000", "AWS_SECRET_ACCESS_KEY", "s3cr3t"));
    assertThat(conf)
        .containsEntry("fs.s3a.endpoint", "http://127.0.0.1:9000")
        .containsEntry("fs.s3a.path.style.access", "true")
        .containsEntry("fs.s3a.endpoint.region", "us-east-1")
        .containsEntry("fs.s3a.connection.ssl.enabled", "false")
        .doesNotContainValue("s3cr3t");
    assertThat(conf.get("fs.s3a.aws.credentials.provider"))
        .contains("EnvironmentVariableCredentialsProvider", "ProfileCredentialsProvider");
  }

  @Test
  void awsItselfNeedsNoEndpointAndKeepsVirtualHostsUnlessTold() {
    Map<String, String> conf = S3aSettings.hadoopConf(Map.of("AWS_REGION", "ap-southeast-1"));
    assertThat(conf)
        .doesNotContainKey("fs.s3a.endpoint")
        .containsEntry("fs.s3a.path.style.access", "false")
        .containsEntry("fs.s3a.endpoint.region", "ap-southeast-1");
    assertThat(
            S3aSettings.sparkConf(
                Map.of("DA06_S3_REGION", "eu-west-1", "DA06_S3_PATH_STYLE", "true")))
        .containsEntry("spark.hadoop.fs.s3a.endpoint.region", "eu-west-1")
        .containsEntry("spark.hadoop.fs.s3a.path.style.access", "true");
  }

  @Test
  void refusesAPathStyleThatIsNotABooleanAndAnEndpointWithoutScheme() {
    assertThatThrownBy(() -> S3aSettings.hadoopConf(Map.of("DA06_S3_PATH_STYLE", "yes")))
        .hasMessage("Cannot read DA06_S3_PATH_STYLE='yes': use true or false");
    assertThatThrownBy(() -> S3aSettings.hadoopConf(Map.of("DA06_S3_ENDPOINT", "minio:9000")))
        .hasMessageContaining("Cannot use DA06_S3_ENDPOINT='minio:9000'")
        .hasMessageContaining("http://host:9000");
  }
}
