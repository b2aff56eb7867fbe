package vn.da06.jobs.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The rows one unit of work writes into each data file, kept as a chunk file of CSV records (no
 * header) until {@link #assemble} joins the chunks of all units, in unit order, into the file. This
 * keeps memory bounded and the output independent of which thread finished first.
 */
final class ChunkWriter implements Closeable {

  static final CSVFormat CSV = CSVFormat.RFC4180;

  private final Path root;
  private final int unit;
  private final Map<String, CSVPrinter> printers = new HashMap<>();

  ChunkWriter(Path root, int unit) {
    this.root = root;
    this.unit = unit;
  }

  void write(FileFormat format, String[] natural, String extraValue) {
    try {
      CSVPrinter printer = printers.get(format.relativePath());
      if (printer == null) {
        Path file = chunkFolder(root, format).resolve(String.format("%06d.part", unit));
        Files.createDirectories(file.getParent());
        printer = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), CSV);
        printers.put(format.relativePath(), printer);
      }
      printer.printRecord((Object[]) format.arrange(natural, extraValue));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write a chunk of " + format.relativePath(), e);
    }
  }

  @Override
  public void close() throws IOException {
    for (CSVPrinter printer : printers.values()) {
      printer.close();
    }
    printers.clear();
  }

  private static Path chunkFolder(Path root, FileFormat format) {
    return root.resolve(format.feed().folder()).resolve(format.baseName());
  }

  /** Writes {@code inbox/<feed>/<file>}: BOM, header, then every unit's chunk in unit order. */
  static void assemble(Path root, Path inbox, FileFormat format) throws IOException {
    Path target = inbox.resolve(format.feed().folder()).resolve(format.fileName());
    Files.createDirectories(target.getParent());
    Path folder = chunkFolder(root, format);
    List<Path> chunks = new ArrayList<>();
    if (Files.isDirectory(folder)) {
      try (Stream<Path> listing = Files.list(folder)) {
        listing.sorted().forEach(chunks::add);
      }
    }
    try (OutputStream file = Files.newOutputStream(target);
        OutputStream out = format.gzip() ? new GZIPOutputStream(file, 1 << 16) : file) {
      if (format.bom()) {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      }
      Writer header = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      CSV.printRecord(header, (Object[]) format.header());
      header.flush();
      for (Path chunk : chunks) {
        Files.copy(chunk, out);
        Files.delete(chunk);
      }
    }
    if (Files.isDirectory(folder)) {
      Files.delete(folder);
    }
  }
}
