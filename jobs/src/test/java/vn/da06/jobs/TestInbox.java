package vn.da06.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes feed files into an inbox folder for tests. */
public final class TestInbox {
  private final Path root;

  public TestInbox(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path write(String feed, String name, String... lines) {
    return writeBytes(
        feed, name, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  public Path writeBytes(String feed, String name, byte[] bytes) {
    try {
      Path dir = Files.createDirectories(root.resolve(feed));
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] gzip(String text) {
    try {
      var buffer = new java.io.ByteArrayOutputStream();
      try (OutputStream out = new GZIPOutputStream(buffer)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      return buffer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
