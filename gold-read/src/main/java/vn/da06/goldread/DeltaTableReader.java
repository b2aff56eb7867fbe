package vn.da06.goldread;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads a whole Delta table with Delta Kernel (no Spark) into plain Java values: strings, Long,
 * Double, Boolean, LocalDate, Instant, List of strings. Deletion vectors are honoured through the
 * selection vector.
 */
public final class DeltaTableReader {
  private final Map<String, String> hadoopSettings;
  private volatile Engine engine;

  /**
   * A reader of local tables and of tables on {@code s3a://}, configured by the environment (the
   * {@code DA06_S3_*} variables, {@link vn.da06.warehouse.S3aSettings}).
   */
  public DeltaTableReader() {
    this(vn.da06.warehouse.S3aSettings.hadoopConf(System.getenv()));
  }

  /** A reader whose Hadoop file systems get {@code hadoopSettings} (e.g. {@code fs.s3a.*}). */
  public DeltaTableReader(Map<String, String> hadoopSettings) {
    this.hadoopSettings = Map.copyOf(hadoopSettings);
  }

  /** Whether {@code location} is a URI of a file system other than the local one. */
  public static boolean isRemote(String location) {
    return location.contains("://") && !location.startsWith("file:");
  }

  /** Kernel's engine, built on first use: a start from the local snapshot never needs it. */
  private Engine engine() {
    Engine built = engine;
    if (built == null) {
      synchronized (this) {
        if (engine == null) {
          Configuration conf = new Configuration();
          hadoopSettings.forEach(conf::set);
          engine = DefaultEngine.create(conf);
        }
        built = engine;
      }
    }
    return built;
  }

  /** The latest version of the table, or empty when there is no Delta table at {@code location}. */
  public Optional<Long> latestVersion(Path location) {
    // A listing, not a Kernel snapshot: this runs at every poll and before a start from the local
    // snapshot,
    // where building the Kernel engine and reading the log cost seconds.
    java.util.OptionalLong version = vn.da06.warehouse.DeltaLog.latestVersion(location);
    return version.isPresent() ? Optional.of(version.getAsLong()) : Optional.empty();
  }

  /**
   * What is done with each batch of a scan: the data and, when some rows were deleted, which rows
   * to keep.
   */
  public interface BatchConsumer {
    void accept(ColumnarBatch data, Optional<ColumnVector> selection);
  }

  /** A table's version and the time of that commit. */
  public record TableVersion(long version, Instant committedAt) {}

  public TableData read(Path location) {
    return read(location.toString());
  }

  /** As {@link #read(Path)}, for a local folder or a URI ({@code s3a://bucket/warehouse/...}). */
  public TableData read(String location) {
    return read(TableManager.loadSnapshot(location).build(engine()), location);
  }

  /**
   * The latest version of the table at a local folder or a URI: a listing of its {@code _delta_log}
   * (through Hadoop's file system for a URI).
   */
  public Optional<Long> latestVersion(String location) {
    if (!isRemote(location)) {
      return latestVersion(
          Path.of(
              location.startsWith("file:") ? java.net.URI.create(location).getPath() : location));
    }
    org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(location, "_delta_log");
    try {
      org.apache.hadoop.fs.FileSystem fs = log.getFileSystem(hadoopConfiguration());
      if (!fs.exists(log)) {
        return Optional.empty();
      }
      long latest =
          vn.da06.warehouse.DeltaLog.latestVersion(
              java.util.Arrays.stream(fs.listStatus(log))
                  .map(status -> status.getPath().getName()));
      return latest < 0 ? Optional.empty() : Optional.of(latest);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list the Delta log of "
              + location
              + ": "
              + e.getMessage()
              + " (check DA06_S3_ENDPOINT and the S3 credentials: docs/orchestration.md, \"S3\")",
          e);
    }
  }

  /** The Hadoop configuration the engine's file systems use (a fresh copy). */
  public Configuration hadoopConfiguration() {
    Configuration conf = new Configuration();
    hadoopSettings.forEach(conf::set);
    return conf;
  }

  /**
   * The table as it was at {@code version} (time travel): what a certified report pins, so that it
   * can be rebuilt later from the same data. Fails when the version's log or data files were
   * removed.
   */
  public TableData readAtVersion(Path location, long version) {
    return readAtVersion(location.toString(), version);
  }

  /** As {@link #readAtVersion(Path, long)}, for a local folder or a URI. */
  public TableData readAtVersion(String location, long version) {
    return read(TableManager.loadSnapshot(location).atVersion(version).build(engine()), location);
  }

  private TableData read(Snapshot snapshot, String location) {
    List<Map<String, Object>> rows = new ArrayList<>();
    TableVersion version =
        scan(
            snapshot,
            location,
            (data, selection) -> {
              try (CloseableIterator<Row> dataRows =
                  new FilteredColumnarBatch(data, selection).getRows()) {
                while (dataRows.hasNext()) {
                  rows.add(toMap(dataRows.next()));
                }
              } catch (IOException e) {
                throw new UncheckedIOException(
                    "Cannot read Delta table " + location + ": " + e.getMessage(), e);
              }
            });
    return new TableData(version.version(), version.committedAt(), rows);
  }

  /**
   * Reads every data file of the latest snapshot, batch by batch (column vectors, no row objects).
   */
  public TableVersion scan(Path location, BatchConsumer consumer) {
    return scan(location.toString(), consumer);
  }

  /** As {@link #scan(Path, BatchConsumer)}, for a local folder or a URI. */
  public TableVersion scan(String location, BatchConsumer consumer) {
    return scan(TableManager.loadSnapshot(location).build(engine()), location, consumer);
  }

  private TableVersion scan(Snapshot snapshot, String location, BatchConsumer consumer) {
    Scan scan = snapshot.getScanBuilder().build();
    Row scanState = scan.getScanState(engine());
    StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
    try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine())) {
      while (scanFiles.hasNext()) {
        try (CloseableIterator<Row> scanFileRows = scanFiles.next().getRows()) {
          while (scanFileRows.hasNext()) {
            Row scanFile = scanFileRows.next();
            FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
            CloseableIterator<FileReadResult> physical =
                engine()
                    .getParquetHandler()
                    .readParquetFiles(
                        Utils.singletonCloseableIterator(file), physicalSchema, Optional.empty());
            try (CloseableIterator<FilteredColumnarBatch> logical =
                Scan.transformPhysicalData(
                    engine(), scanState, scanFile, physical.map(FileReadResult::getData))) {
              while (logical.hasNext()) {
                FilteredColumnarBatch batch = logical.next();
                consumer.accept(batch.getData(), batch.getSelectionVector());
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read Delta table " + location + ": " + e.getMessage(), e);
    }
    return new TableVersion(
        snapshot.getVersion(), Instant.ofEpochMilli(snapshot.getTimestamp(engine())));
  }

  /**
   * The live data files of the latest snapshot and their partition values, read from the Delta log
   * alone (no Parquet): what a vectorized reader ({@link DuckDbKpiReader}) needs. {@code
   * unsupported} says why the files cannot be read on their own (deletion vectors, column mapping);
   * the rows are then read here.
   */
  public record DataFiles(
      TableVersion version,
      StructType schema,
      List<String> partitionColumns,
      List<DataFile> files,
      Optional<String> unsupported) {}

  /** One AddFile: its local path and its partition values by column name. */
  public record DataFile(Path path, Map<String, String> partitionValues) {}

  public DataFiles dataFiles(Path location) {
    Snapshot snapshot = TableManager.loadSnapshot(location.toString()).build(engine());
    List<DataFile> files = new ArrayList<>();
    String unsupported = null;
    if (snapshot instanceof io.delta.kernel.internal.SnapshotImpl impl) {
      String mapping =
          impl.getMetadata().getConfiguration().getOrDefault("delta.columnMapping.mode", "none");
      if (!mapping.equals("none")) {
        unsupported = "column mapping mode " + mapping;
      }
    }
    Scan scan = snapshot.getScanBuilder().build();
    try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine())) {
      while (scanFiles.hasNext()) {
        try (CloseableIterator<Row> scanFileRows = scanFiles.next().getRows()) {
          while (scanFileRows.hasNext()) {
            Row scanFile = scanFileRows.next();
            if (InternalScanFileUtils.getDeletionVectorDescriptorFromRow(scanFile) != null) {
              unsupported = "deletion vectors";
            }
            String path = InternalScanFileUtils.getAddFileStatus(scanFile).getPath();
            Path local =
                path.startsWith("file:") ? Path.of(java.net.URI.create(path)) : Path.of(path);
            files.add(new DataFile(local, InternalScanFileUtils.getPartitionValues(scanFile)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list the files of Delta table " + location + ": " + e.getMessage(), e);
    }
    return new DataFiles(
        new TableVersion(
            snapshot.getVersion(), Instant.ofEpochMilli(snapshot.getTimestamp(engine()))),
        snapshot.getSchema(),
        snapshot.getPartitionColumnNames(),
        files,
        Optional.ofNullable(unsupported));
  }

  private static Map<String, Object> toMap(Row row) {
    StructType schema = row.getSchema();
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < schema.length(); i++) {
      StructField field = schema.at(i);
      values.put(field.getName(), row.isNullAt(i) ? null : value(row, i, field.getDataType()));
    }
    return Collections.unmodifiableMap(values);
  }

  private static Object value(Row row, int ordinal, DataType type) {
    if (type instanceof StringType) {
      return row.getString(ordinal);
    } else if (type instanceof LongType) {
      return row.getLong(ordinal);
    } else if (type instanceof IntegerType) {
      return (long) row.getInt(ordinal);
    } else if (type instanceof ShortType) {
      return (long) row.getShort(ordinal);
    } else if (type instanceof DoubleType) {
      return row.getDouble(ordinal);
    } else if (type instanceof FloatType) {
      return (double) row.getFloat(ordinal);
    } else if (type instanceof BooleanType) {
      return row.getBoolean(ordinal);
    } else if (type instanceof DateType) {
      return LocalDate.ofEpochDay(row.getInt(ordinal));
    } else if (type instanceof TimestampType || type instanceof TimestampNTZType) {
      long micros = row.getLong(ordinal);
      return Instant.ofEpochSecond(
          Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    } else if (type instanceof ArrayType) {
      ArrayValue array = row.getArray(ordinal);
      ColumnVector elements = array.getElements();
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < array.getSize(); i++) {
        list.add(elements.isNullAt(i) ? null : elements.getString(i));
      }
      return Collections.unmodifiableList(list);
    } else if (type instanceof MapType map && map.getKeyType() instanceof StringType) {
      // ops.job_runs' delta_versions (map<string, long>)
      MapValue entries = row.getMap(ordinal);
      ColumnVector keys = entries.getKeys();
      ColumnVector values = entries.getValues();
      Map<String, Object> result = new LinkedHashMap<>();
      for (int i = 0; i < entries.getSize(); i++) {
        result.put(
            keys.getString(i),
            values.isNullAt(i)
                ? null
                : map.getValueType() instanceof LongType
                    ? (Object) values.getLong(i)
                    : map.getValueType() instanceof StringType
                        ? values.getString(i)
                        : String.valueOf(map.getValueType()));
      }
      return Collections.unmodifiableMap(result);
    }
    return String.valueOf(type); // types gold does not use: shown, not interpreted
  }

  /** A table as read: its Delta version, the time of that commit, its rows by column name. */
  public record TableData(long version, Instant committedAt, List<Map<String, Object>> rows) {
    public TableData {
      rows = Collections.unmodifiableList(rows);
    }
  }
}
