package vn.da06.orchestration.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The classpath of one of the small poms under {@code orchestration/src/test/} (not modules of the
 * build), resolved by {@code mvn dependency:build-classpath} in a child process: a classpath of its
 * own, apart from the test JVM's.
 */
final class MavenClasspath {
  private MavenClasspath() {}

  static String resolve(String pomFolder, Path workDir, Map<String, String> properties)
      throws IOException, InterruptedException {
    Path pom =
        Path.of(System.getProperty("da06.project.dir"))
            .resolve("orchestration/src/test")
            .resolve(pomFolder)
            .resolve("pom.xml");
    Path out = workDir.resolve(pomFolder + "-classpath.txt");
    Path log = workDir.resolve(pomFolder + "-resolve.log");
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
