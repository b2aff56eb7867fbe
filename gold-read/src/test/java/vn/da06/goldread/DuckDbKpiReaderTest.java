package vn.da06.goldread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.da06.warehouse.Tables;

/**
 * DuckDB's reading of the ward-month tables gives exactly the rows Delta Kernel's own reader gives.
 */
class DuckDbKpiReaderTest {
  private final DeltaTableReader reader = new DeltaTableReader();

  @ParameterizedTest
  @ValueSource(strings = {Tables.WARD_MONTH_KPIS, Tables.WARD_MONTH_KPIS_CURRENT})
  void duckDbReadsTheSameRowsAsDeltaKernel(String name) throws Exception {
    Path table = TestWarehouse.get().resolve("gold").resolve(name);
    DeltaTableReader.DataFiles files = reader.dataFiles(table);
    assertThat(files.unsupported()).isEmpty();
    assertThat(files.partitionColumns())
        .containsExactly("month"); // so month comes from the Delta log

    List<String> duck = text(DuckDbKpiReader.read(files, table));
    KpiRowLoader kernel = new KpiRowLoader();
    DeltaTableReader.TableVersion version = reader.scan(table, kernel);

    assertThat(version.version()).isEqualTo(files.version().version());
    assertThat(duck).hasSizeGreaterThan(100).isEqualTo(text(kernel.rows()));
    assertThat(DuckDbKpiReader.countRows(files, table)).isEqualTo(kernel.rows().size());
    // Both NULL counts and NULL rates are in gold (a ward without dossiers has no on-time rate),
    // and survive.
    assertThat(duck).anyMatch(row -> row.contains("=null"));
    assertThat(duck).anyMatch(row -> row.matches(".*_rate=0\\.\\d+.*"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"deletion vectors"})
  void aTableDuckDbCannotReadAloneIsRefusedLoudly(String feature) {
    Path table = TestWarehouse.get().resolve("gold").resolve(Tables.WARD_MONTH_KPIS);
    DeltaTableReader.DataFiles files = reader.dataFiles(table);
    DeltaTableReader.DataFiles withFeature =
        new DeltaTableReader.DataFiles(
            files.version(),
            files.schema(),
            files.partitionColumns(),
            files.files(),
            Optional.of(feature));
    assertThatThrownBy(() -> DuckDbKpiReader.read(withFeature, table))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot read " + table + " with DuckDB: the table uses " + feature);
  }

  private static List<String> text(List<KpiRow> rows) {
    return rows.stream()
        .sorted(Comparator.comparing(KpiRow::month).thenComparing(KpiRow::wardCode))
        .map(
            row ->
                row.wardCode()
                    + "|"
                    + row.month()
                    + "|"
                    + row.provinceCode()
                    + "|"
                    + row.districtCode()
                    + "|"
                    + row.values())
        .toList();
  }
}
