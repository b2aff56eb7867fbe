package vn.da06.goldread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.da06.warehouse.Tables;

/**
 * DuckDB's reading of the small gold tables gives exactly the rows, values and value types Delta
 * Kernel gives.
 */
class DuckDbTableReaderTest {
  private final DeltaTableReader reader = new DeltaTableReader();

  @ParameterizedTest
  @ValueSource(
      strings = {
        Tables.DIM_WARD,
        Tables.DIM_SERVICE,
        Tables.SERVICE_MONTH,
        Tables.TARGET_PROGRESS,
        Tables.DAILY_REPORT_CHECK
      })
  void duckDbReadsTheSameRowsAsDeltaKernel(String name) throws Exception {
    Path table = TestWarehouse.get().resolve("gold").resolve(name);
    assertThat(table.resolve("_delta_log")).isDirectory();
    DeltaTableReader.DataFiles files = reader.dataFiles(table);
    assertThat(DuckDbTableReader.unsupported(files))
        .isEmpty(); // every small gold table takes the fast path

    List<Map<String, Object>> duck = DuckDbTableReader.read(files, table);
    DeltaTableReader.TableData kernel = reader.read(table);

    assertThat(files.version().version()).isEqualTo(kernel.version());
    assertThat(text(duck)).isEqualTo(text(kernel.rows()));
    // the same Java types too (Long, Double, LocalDate, Instant, List), column by column, in the
    // same order
    assertThat(types(duck)).isEqualTo(types(kernel.rows()));
    if (!files.partitionColumns().isEmpty()) {
      assertThat(duck)
          .allSatisfy(
              row -> assertThat(row).containsKeys(files.partitionColumns().toArray(String[]::new)));
    }
  }

  @Test
  void theTablesCoverPartitionsAndEveryTypeThatTakesTheFastPath() {
    Map<String, Long> types =
        Tables.GOLD_TABLES.stream()
            .filter(name -> !name.startsWith("ward_month_kpis"))
            .map(name -> TestWarehouse.get().resolve("gold").resolve(name))
            .filter(table -> Files.isDirectory(table.resolve("_delta_log")))
            .flatMap(table -> reader.dataFiles(table).schema().fields().stream())
            .collect(
                Collectors.groupingBy(
                    field -> field.getDataType().toString(), Collectors.counting()));
    // so the comparison above meets every type the fast path converts, and partitioned tables
    assertThat(types.keySet())
        .contains(
            "string", "long", "integer", "double", "boolean", "date", "timestamp", "array[string]");
    assertThat(List.of(Tables.SERVICE_MONTH, Tables.DAILY_REPORT_CHECK))
        .allSatisfy(
            name ->
                assertThat(
                        reader
                            .dataFiles(TestWarehouse.get().resolve("gold").resolve(name))
                            .partitionColumns())
                    .containsExactly("month"));
  }

  @Test
  void aTableWithDeletionVectorsIsRefusedWithTheReason() {
    Path table = TestWarehouse.get().resolve("gold").resolve(Tables.DIM_WARD);
    DeltaTableReader.DataFiles files = reader.dataFiles(table);
    DeltaTableReader.DataFiles withVectors =
        new DeltaTableReader.DataFiles(
            files.version(),
            files.schema(),
            files.partitionColumns(),
            files.files(),
            Optional.of("deletion vectors"));
    assertThat(DuckDbTableReader.unsupported(withVectors)).contains("deletion vectors");
    assertThatThrownBy(() -> DuckDbTableReader.read(withVectors, table))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "Cannot read " + table + " with DuckDB: the table uses deletion vectors");
  }

  private static List<String> text(List<Map<String, Object>> rows) {
    return rows.stream().map(Object::toString).sorted().toList();
  }

  private static List<String> types(List<Map<String, Object>> rows) {
    return rows.stream()
        .map(
            row ->
                row.entrySet().stream()
                    .map(
                        e ->
                            e.getKey()
                                + ":"
                                + (e.getValue() == null
                                    ? "null"
                                    : e.getValue().getClass().getSimpleName()))
                    .collect(Collectors.joining(",")))
        .sorted(Comparator.naturalOrder())
        .toList();
  }
}
