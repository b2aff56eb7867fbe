package vn.da06.goldread.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The classpath of a small pom that is not a module of the build (such as {@code
 * gold-read/src/test/s3proxy/pom.xml}), resolved by {@code mvn dependency:build-classpath} in a
 * child process: a classpath of its own, apart from the test JVM's. The same as orchestration's
 * cluster tests use, reachable from every module through gold-read's test-jar.
 */
public final class MavenClasspath {
  private MavenClasspath() {}

  /**
   * {@code pomFolder} is relative to the project root (the {@code da06.project.dir} system property
   * surefire sets), e.g. {@code gold-read/src/test/s3proxy}.
   */
  public static String resolve(String pomFolder, Path workDir, Map<String, String> properties)
      throws IOException, InterruptedException {
    String projectDir = System.getProperty("da06.project.dir");
    if (projectDir == null || projectDir.isBlank()) {
      throw new IllegalStateException(
          "da06.project.dir is not set (run this test through Maven, which sets it in surefire's"
              + " systemPropertyVariables)");
    }
    Path pom = Path.of(projectDir).resolve(pomFolder).resolve("pom.xml");
    String name = Path.of(pomFolder).getFileName().toString();
    Path out = workDir.resolve(name + "-classpath.txt");
    Path log = workDir.resolve(name + "-resolve.log");
    List<String> command =
        new ArrayList<>(
            List.of(
                "mvn",
                "-B",
                "-q",
                "-f",
                pom.toString(),
                "dependency:build-classpath",
                "-Dmdep.outputFile=" + out));
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    Files.createDirectories(workDir);
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new AssertionError(
          "Cannot resolve the classpath of "
              + pom
              + " ("
              + String.join(" ", command)
              + "):\n"
              + Files.readString(log));
    }
    return Files.readString(out).trim();
  }
}
