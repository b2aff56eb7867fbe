package vn.da06.goldread;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The loaded gold written to one local binary file, so that a restart over unchanged tables does
 * not read Parquet again: the small tables as typed values, the two ward-month tables as {@link
 * KpiRow}s (ward, month, province and district as indexes into one string table; counts, null bits
 * and rates as they are held).
 *
 * <p>It is keyed by the warehouse path and the Delta version of every gold table it came from; a
 * reader compares that key with the tables' latest versions before trusting it. Layout: magic
 * {@code DA06GSNP}, format version, payload, CRC-32 of everything before it. A file with another
 * magic, format, column list or checksum is refused ({@link Unusable}), never half-trusted. Written
 * to a temporary file (mode 600) and renamed over the old one, so a reader sees the old file or the
 * new one.
 *
 * <p>Over 400 lines: the writer and the reader of one binary layout stay side by side, so a change
 * to one is seen next to the other.
 */
public final class GoldSnapshot {
  static final long MAGIC = 0x4441303647534E50L; // "DA06GSNP"
  static final int FORMAT = 2;

  private static final byte NULL = 0;
  private static final byte STRING = 1;
  private static final byte LONG = 2;
  private static final byte DOUBLE = 3;
  private static final byte BOOLEAN = 4;
  private static final byte DATE = 5;
  private static final byte INSTANT = 6;
  private static final byte LIST = 7;

  /**
   * What a snapshot holds: the key (warehouse, versions) and the tables as {@link DeltaKpiStore}
   * read them.
   */
  public record Contents(
      String warehouse,
      DataVersion version,
      Map<String, List<Map<String, Object>>> tables,
      Map<String, List<KpiRow>> kpis) {}

  /**
   * A snapshot that cannot be used: absent, of another format, or damaged. The message says which.
   */
  public static final class Unusable extends Exception {
    Unusable(String message) {
      super(message);
    }

    Unusable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private GoldSnapshot() {}

  /**
   * Deletes the temporary files of {@code file}'s writes that a stopped process left (a server
   * stopped while it wrote its snapshot: each is as large as the snapshot, ~130 MB for a country);
   * returns how many. Called before this process writes any, so none of them is being written.
   */
  public static int removeLeftovers(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return 0;
    }
    String prefix = file.getFileName().toString();
    int removed = 0;
    try (java.nio.file.DirectoryStream<Path> leftovers =
        Files.newDirectoryStream(
            dir,
            path -> {
              String name = path.getFileName().toString();
              return name.startsWith(prefix)
                  && name.endsWith(".tmp")
                  && name.length() > prefix.length() + 4
                  && name.substring(prefix.length(), name.length() - 4)
                      .chars()
                      .allMatch(Character::isDigit);
            })) {
      for (Path leftover : leftovers) {
        if (Files.deleteIfExists(leftover)) {
          removed++;
        }
      }
    }
    return removed;
  }

  /** Writes {@code contents} to {@code file} through a temporary file renamed over it. */
  public static void write(Path file, Contents contents) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the folder's own rights apply
      }
      CRC32 crc = new CRC32();
      try (OutputStream raw = Files.newOutputStream(temp, StandardOpenOption.TRUNCATE_EXISTING);
          BufferedOutputStream buffered = new BufferedOutputStream(raw, 1 << 16)) {
        DataOutputStream out =
            new DataOutputStream(new java.util.zip.CheckedOutputStream(buffered, crc));
        out.writeLong(MAGIC);
        out.writeInt(FORMAT);
        writePayload(out, contents);
        out.flush();
        new DataOutputStream(buffered).writeLong(crc.getValue());
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void writePayload(DataOutputStream out, Contents contents) throws IOException {
    writeString(out, contents.warehouse());
    DataVersion version = contents.version();
    out.writeLong(version.version());
    out.writeLong(version.updatedAt().getEpochSecond());
    out.writeInt(version.updatedAt().getNano());
    Map<String, Long> versions = new java.util.TreeMap<>(version.tableVersions());
    out.writeInt(versions.size());
    for (Map.Entry<String, Long> entry : versions.entrySet()) {
      writeString(out, entry.getKey());
      out.writeLong(entry.getValue());
    }
    writeStrings(out, KpiRow.COUNT_COLUMNS);
    writeStrings(out, KpiRow.RATE_COLUMNS);
    out.writeInt(contents.tables().size());
    for (Map.Entry<String, List<Map<String, Object>>> table : contents.tables().entrySet()) {
      writeString(out, table.getKey());
      List<Map<String, Object>> rows = table.getValue();
      List<String> columns = rows.isEmpty() ? List.of() : List.copyOf(rows.get(0).keySet());
      writeStrings(out, columns);
      out.writeInt(rows.size());
      for (Map<String, Object> row : rows) {
        if (!row.keySet().equals(new java.util.HashSet<>(columns))) {
          throw new IOException(
              "Cannot write a gold snapshot: the rows of "
                  + table.getKey()
                  + " do not all have the same columns");
        }
        for (String column : columns) {
          writeValue(out, row.get(column));
        }
      }
    }
    // One string table for the keys of both ward-month tables (a ward code or month is written
    // once).
    Map<String, Integer> strings = new LinkedHashMap<>();
    for (List<KpiRow> rows : contents.kpis().values()) {
      for (KpiRow row : rows) {
        strings.putIfAbsent(row.wardCode(), strings.size());
        strings.putIfAbsent(row.month(), strings.size());
        if (row.provinceCode() != null) {
          strings.putIfAbsent(row.provinceCode(), strings.size());
        }
        if (row.districtCode() != null) {
          strings.putIfAbsent(row.districtCode(), strings.size());
        }
      }
    }
    writeStrings(out, List.copyOf(strings.keySet()));
    int counts = KpiRow.COUNT_COLUMNS.size();
    int rates = KpiRow.RATE_COLUMNS.size();
    out.writeInt(contents.kpis().size());
    for (Map.Entry<String, List<KpiRow>> table : contents.kpis().entrySet()) {
      writeString(out, table.getKey());
      out.writeInt(table.getValue().size());
      // counts as 4-byte ints when every count of the table fits (a third less to read), else as
      // longs
      boolean wide = false;
      for (KpiRow row : table.getValue()) {
        for (int i = 0; i < counts && !wide; i++) {
          wide = row.countAt(i) != (int) row.countAt(i);
        }
      }
      out.writeBoolean(wide);
      for (KpiRow row : table.getValue()) {
        out.writeInt(strings.get(row.wardCode()));
        out.writeInt(strings.get(row.month()));
        out.writeInt(row.provinceCode() == null ? -1 : strings.get(row.provinceCode()));
        out.writeInt(row.districtCode() == null ? -1 : strings.get(row.districtCode()));
        out.writeLong(row.countNulls());
        for (int i = 0; i < counts; i++) {
          if (wide) {
            out.writeLong(row.countAt(i));
          } else {
            out.writeInt((int) row.countAt(i));
          }
        }
        for (int i = 0; i < rates; i++) {
          out.writeDouble(row.rateAt(i));
        }
      }
    }
  }

  /**
   * Reads a snapshot, checking magic, format, checksum and column lists first.
   *
   * @throws Unusable when the file is absent, of another format or damaged (the message says which)
   */
  public static Contents read(Path file) throws Unusable {
    if (!Files.isRegularFile(file)) {
      throw new Unusable("there is no snapshot " + file);
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < 20 || size > Integer.MAX_VALUE) {
        throw new Unusable(
            "snapshot " + file + " has " + size + " bytes, not a snapshot of this format");
      }
      MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
      if (map.getLong(0) != MAGIC) {
        throw new Unusable(
            "snapshot " + file + " does not start with the magic number of a gold snapshot");
      }
      int format = map.getInt(8);
      if (format != FORMAT) {
        throw new Unusable(
            "snapshot "
                + file
                + " is of format "
                + format
                + ", this dashboard reads format "
                + FORMAT);
      }
      CRC32 crc = new CRC32();
      ByteBuffer body = map.duplicate().position(0).limit((int) size - 8);
      crc.update(body);
      if (crc.getValue() != map.getLong((int) size - 8)) {
        throw new Unusable("snapshot " + file + " fails its checksum (damaged or cut short)");
      }
      ByteBuffer in = map.duplicate().position(12).limit((int) size - 8);
      return readPayload(in, file);
    } catch (IOException | RuntimeException e) {
      throw new Unusable("cannot read snapshot " + file + ": " + e, e);
    }
  }

  private static Contents readPayload(ByteBuffer in, Path file) throws Unusable {
    String warehouse = readString(in);
    long version = in.getLong();
    Instant updatedAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
    int tableCount = in.getInt();
    Map<String, Long> versions = new LinkedHashMap<>();
    for (int i = 0; i < tableCount; i++) {
      versions.put(readString(in), in.getLong());
    }
    if (!readStrings(in).equals(KpiRow.COUNT_COLUMNS)
        || !readStrings(in).equals(KpiRow.RATE_COLUMNS)) {
      throw new Unusable(
          "snapshot "
              + file
              + " has other KPI columns than this dashboard (written by another version)");
    }
    Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    int smallCount = in.getInt();
    for (int t = 0; t < smallCount; t++) {
      String name = readString(in);
      List<String> columns = readStrings(in);
      int rowCount = in.getInt();
      List<Map<String, Object>> rows = new ArrayList<>(rowCount);
      for (int r = 0; r < rowCount; r++) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String column : columns) {
          row.put(column, readValue(in));
        }
        rows.add(Collections.unmodifiableMap(row));
      }
      tables.put(name, Collections.unmodifiableList(rows));
    }
    String[] strings = readStrings(in).toArray(String[]::new);
    int counts = KpiRow.COUNT_COLUMNS.size();
    int rates = KpiRow.RATE_COLUMNS.size();
    Map<String, List<KpiRow>> kpis = new LinkedHashMap<>();
    int kpiCount = in.getInt();
    for (int t = 0; t < kpiCount; t++) {
      String name = readString(in);
      int rowCount = in.getInt();
      boolean wide = in.get() != 0;
      List<KpiRow> rows = new ArrayList<>(rowCount);
      for (int r = 0; r < rowCount; r++) {
        String ward = strings[in.getInt()];
        String month = strings[in.getInt()];
        int province = in.getInt();
        int district = in.getInt();
        long nulls = in.getLong();
        long[] countValues = new long[counts];
        for (int i = 0; i < counts; i++) {
          countValues[i] = wide ? in.getLong() : in.getInt();
        }
        double[] rateValues = new double[rates];
        in.asDoubleBuffer().get(rateValues);
        in.position(in.position() + rates * 8);
        rows.add(
            new KpiRow(
                ward,
                month,
                province < 0 ? null : strings[province],
                district < 0 ? null : strings[district],
                countValues,
                nulls,
                rateValues));
      }
      kpis.put(name, rows);
    }
    if (in.hasRemaining()) {
      throw new Unusable(
          "snapshot " + file + " has " + in.remaining() + " bytes after its last table");
    }
    return new Contents(warehouse, new DataVersion(version, updatedAt, versions), tables, kpis);
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(ByteBuffer in) {
    int length = in.getInt();
    byte[] bytes = new byte[length];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String value : values) {
      writeString(out, value);
    }
  }

  private static List<String> readStrings(ByteBuffer in) {
    int size = in.getInt();
    List<String> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      values.add(readString(in));
    }
    return values;
  }

  private static void writeValue(DataOutputStream out, Object value) throws IOException {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof String s) {
      out.writeByte(STRING);
      writeString(out, s);
    } else if (value instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (value instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d);
    } else if (value instanceof Boolean b) {
      out.writeByte(BOOLEAN);
      out.writeBoolean(b);
    } else if (value instanceof LocalDate date) {
      out.writeByte(DATE);
      out.writeLong(date.toEpochDay());
    } else if (value instanceof Instant instant) {
      out.writeByte(INSTANT);
      out.writeLong(instant.getEpochSecond());
      out.writeInt(instant.getNano());
    } else if (value instanceof List<?> list) {
      out.writeByte(LIST);
      out.writeInt(list.size());
      for (Object element : list) {
        writeValue(out, element);
      }
    } else {
      throw new IOException(
          "Cannot write a gold snapshot: a value of type "
              + value.getClass().getName()
              + " (the reader returns no such type; extend GoldSnapshot)");
    }
  }

  private static Object readValue(ByteBuffer in) {
    byte tag = in.get();
    return switch (tag) {
      case NULL -> null;
      case STRING -> readString(in);
      case LONG -> in.getLong();
      case DOUBLE -> in.getDouble();
      case BOOLEAN -> in.get() != 0;
      case DATE -> LocalDate.ofEpochDay(in.getLong());
      case INSTANT -> Instant.ofEpochSecond(in.getLong(), in.getInt());
      case LIST -> {
        int size = in.getInt();
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          list.add(readValue(in));
        }
        yield Collections.unmodifiableList(list);
      }
      default -> throw new IllegalStateException("unknown value tag " + tag);
    };
  }
}
