package vn.da06.goldread.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture itself: S3A (hadoop-aws) writes through it, wrong keys are refused. */
class S3ServerTest {
  @TempDir Path dir;

  @Test
  void storesWhatS3aWritesAsFilesOfItsBucketFolderAndRefusesWrongKeys() throws Exception {
    try (S3Server s3 = S3Server.start(dir)) {
      s3.createBucket("fixture");
      Configuration conf = conf(s3, s3.accessKey(), s3.secretKey());
      org.apache.hadoop.fs.Path object = new org.apache.hadoop.fs.Path("s3a://fixture/a/b.txt");
      try (FileSystem fs = FileSystem.newInstance(object.toUri(), conf);
          OutputStream out = fs.create(object)) {
        out.write("xin chào".getBytes(StandardCharsets.UTF_8));
      }
      assertThat(s3.objectKeys("fixture")).containsExactly("a/b.txt");
      assertThat(Files.readString(s3.bucketDir("fixture").resolve("a/b.txt")))
          .isEqualTo("xin chào");
      assertThat(s3.env())
          .containsEntry("DA06_S3_ENDPOINT", s3.endpoint())
          .containsEntry("DA06_S3_PATH_STYLE", "true");
      assertThat(s3.sparkConf()).doesNotContainValue(s3.secretKey());

      Configuration wrong = conf(s3, s3.accessKey(), "not-the-secret");
      assertThatThrownBy(
              () -> {
                try (FileSystem fs = FileSystem.newInstance(object.toUri(), wrong)) {
                  fs.getFileStatus(object);
                }
              })
          .hasMessageContaining("403");
    }
  }

  private static Configuration conf(S3Server s3, String accessKey, String secretKey) {
    Configuration conf = new Configuration();
    s3.hadoopConf().forEach(conf::set);
    conf.set("fs.s3a.access.key", accessKey);
    conf.set("fs.s3a.secret.key", secretKey);
    conf.set("fs.s3a.attempts.maximum", "1");
    conf.set("fs.s3a.retry.limit", "1");
    return conf;
  }
}
