package vn.da06.warehouse.trino;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Installs Trino the first time: takes {@code io.trino:trino-server:476:tar.gz} from the local
 * Maven repository (fetching it with {@code mvn dependency:get} when missing), unpacks it into a
 * cache and keeps only the plugins the project uses. Also finds the JDK 24+ that Trino needs.
 */
public final class TrinoInstall {
  /**
   * The plugins the warehouse needs: the Delta Lake connector and the password file authenticator.
   */
  public static final Set<String> PLUGINS = Set.of("delta-lake", "password-authenticators");

  public static final int MINIMUM_JAVA = 24;
  private static final String COMPLETE = ".da06-complete";

  private TrinoInstall() {}

  /** Unpacks Trino into {@code install} unless it is already there; returns {@code install}. */
  public static Path ensureInstalled(Path install, Consumer<String> progress) {
    if (Files.exists(install.resolve(COMPLETE))) {
      return install;
    }
    Path tarball = tarball(progress);
    Path partial = install.resolveSibling(install.getFileName() + ".partial");
    try {
      deleteRecursively(partial);
      Files.createDirectories(partial);
      progress.accept(
          "unpacking " + tarball.getFileName() + " into " + install + " (once; about a minute)");
      // The plugins share jars through hard links, so unpack everything and then remove the plugins
      // not used.
      run(
          List.of(
              "tar", "-xzf", tarball.toString(), "-C", partial.toString(), "--strip-components=1"),
          "Cannot unpack " + tarball,
          "check the free disk space, or delete the file so that it is fetched again");
      try (Stream<Path> plugins = Files.list(partial.resolve("plugin"))) {
        for (Path plugin : plugins.toList()) {
          if (!PLUGINS.contains(plugin.getFileName().toString())) {
            deleteRecursively(plugin);
          }
        }
      }
      Files.writeString(partial.resolve(COMPLETE), tarball + "\n");
      deleteRecursively(install);
      Files.move(partial, install);
      return install;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot install Trino into " + install + ": " + e.getMessage(), e);
    }
  }

  public static boolean isInstalled(Path install) {
    return Files.exists(install.resolve(COMPLETE));
  }

  /** Where the server tarball is (or will be) in the local Maven repository. */
  public static Path tarballPath() {
    Path repository =
        Path.of(
            System.getProperty(
                "maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
    String version = TrinoSettings.VERSION;
    return repository.resolve(
        "io/trino/trino-server/" + version + "/trino-server-" + version + ".tar.gz");
  }

  /** The server tarball in the local Maven repository, fetched from Maven Central when missing. */
  static Path tarball(Consumer<String> progress) {
    String version = TrinoSettings.VERSION;
    Path tarball = tarballPath();
    if (!Files.exists(tarball)) {
      progress.accept(
          "fetching io.trino:trino-server:"
              + version
              + ":tar.gz from Maven Central (821 MB, once)");
      run(
          List.of(
              "mvn",
              "-B",
              "-q",
              "dependency:get",
              "-Dtransitive=false",
              "-Dartifact=io.trino:trino-server:" + version + ":tar.gz"),
          "Cannot fetch io.trino:trino-server:" + version + ":tar.gz",
          "check that Maven Central is reachable, or copy the file to " + tarball);
      if (!Files.exists(tarball)) {
        throw new IllegalStateException(
            "Cannot find "
                + tarball
                + " after mvn dependency:get (is maven.repo.local"
                + " set elsewhere? copy the file there)");
      }
    }
    return tarball;
  }

  /**
   * A JDK of version 24 or newer: {@code DA06_TRINO_JAVA_HOME} if set, else the newest in {@code
   * /usr/lib/jvm} (or {@code JAVA_HOME}) that qualifies.
   */
  public static Path findJdk() {
    List<Path> candidates = new ArrayList<>();
    String explicit = System.getenv("DA06_TRINO_JAVA_HOME");
    if (explicit != null && !explicit.isBlank()) {
      Path home = Path.of(explicit);
      if (javaVersion(home).orElse(0) < MINIMUM_JAVA) {
        throw new IllegalStateException(
            "Cannot run Trino with DA06_TRINO_JAVA_HOME="
                + explicit
                + ": it is not a JDK "
                + MINIMUM_JAVA
                + " or newer (point it at one, or unset it)");
      }
      return home;
    }
    for (String root :
        List.of("/usr/lib/jvm", "/usr/java", "/opt/java", "/Library/Java/JavaVirtualMachines")) {
      Path dir = Path.of(root);
      if (Files.isDirectory(dir)) {
        try (Stream<Path> entries = Files.list(dir)) {
          entries.forEach(
              entry -> {
                candidates.add(entry);
                candidates.add(entry.resolve("Contents/Home"));
              });
        } catch (IOException e) {
          // unreadable folder: look elsewhere
        }
      }
    }
    Optional.ofNullable(System.getenv("JAVA_HOME")).map(Path::of).ifPresent(candidates::add);
    candidates.add(Path.of(System.getProperty("java.home")));
    return candidates.stream()
        .filter(home -> Files.isExecutable(home.resolve("bin/java")))
        .filter(home -> javaVersion(home).orElse(0) >= MINIMUM_JAVA)
        .max(Comparator.comparingInt((Path home) -> javaVersion(home).orElse(0)))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Cannot start Trino: it needs a JDK "
                        + MINIMUM_JAVA
                        + " or newer and none was found in /usr/lib/jvm (install one, e.g. Temurin 25: apt-get install"
                        + " temurin-25-jdk from packages.adoptium.net, or set DA06_TRINO_JAVA_HOME)"));
  }

  /** The feature version from a JDK's {@code release} file. */
  static Optional<Integer> javaVersion(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return Optional.empty();
    }
    try (var reader = Files.newBufferedReader(release)) {
      Properties properties = new Properties();
      properties.load(reader);
      String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
      String feature = version.split("[.+-]")[0];
      return Optional.of(Integer.parseInt(feature));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  static void run(List<String> command, String problem, String fix) {
    try {
      // Standard output is for results (./da06 trino start prints the JDBC URL): tools talk on
      // stderr.
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().transferTo(System.err);
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IllegalStateException(
            problem + ": " + command.get(0) + " exited with " + exit + " (" + fix + ")");
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          problem + ": cannot run " + command.get(0) + " (" + fix + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(problem + ": interrupted", e);
    }
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(each);
      }
    }
  }
}
