package vn.da06.goldread;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link KpiRow}s straight from Delta Kernel's column vectors (no row or map objects per
 * row), sharing one String per distinct ward code and month. Columns a table lacks are NULL.
 */
final class KpiRowLoader implements DeltaTableReader.BatchConsumer {
  private final List<KpiRow> rows = new ArrayList<>();
  private final Map<String, String> strings = new HashMap<>();

  @Override
  public void accept(ColumnarBatch data, Optional<ColumnVector> selection) {
    StructType schema = data.getSchema();
    ColumnVector ward = vector(data, schema, "ward_code");
    ColumnVector month = vector(data, schema, "month");
    ColumnVector province = vector(data, schema, "province_code");
    ColumnVector district = vector(data, schema, "district_code");
    if (ward == null || month == null) {
      throw new IllegalStateException(
          "Cannot read a ward-month KPI table: it has no ward_code or month column"
              + " (it is not the table of the warehouse contract)");
    }
    int countColumns = KpiRow.COUNT_COLUMNS.size();
    ColumnVector[] counts = new ColumnVector[countColumns];
    boolean[] intCounts = new boolean[countColumns];
    for (int j = 0; j < countColumns; j++) {
      counts[j] = vector(data, schema, KpiRow.COUNT_COLUMNS.get(j));
      intCounts[j] = counts[j] != null && counts[j].getDataType() instanceof IntegerType;
    }
    ColumnVector[] rates = new ColumnVector[KpiRow.RATE_COLUMNS.size()];
    for (int j = 0; j < rates.length; j++) {
      rates[j] = vector(data, schema, KpiRow.RATE_COLUMNS.get(j));
    }
    ColumnVector keep = selection.orElse(null);
    for (int i = 0; i < data.getSize(); i++) {
      if (keep != null && (keep.isNullAt(i) || !keep.getBoolean(i))) {
        continue;
      }
      long[] values = new long[countColumns];
      long nulls = 0;
      for (int j = 0; j < countColumns; j++) {
        ColumnVector vector = counts[j];
        if (vector == null || vector.isNullAt(i)) {
          nulls |= 1L << j;
        } else {
          values[j] = intCounts[j] ? vector.getInt(i) : vector.getLong(i);
        }
      }
      double[] rateValues = new double[rates.length];
      for (int j = 0; j < rates.length; j++) {
        rateValues[j] =
            rates[j] == null || rates[j].isNullAt(i) ? Double.NaN : rates[j].getDouble(i);
      }
      rows.add(
          new KpiRow(
              shared(ward.getString(i)),
              shared(month.getString(i)),
              province == null || province.isNullAt(i) ? null : shared(province.getString(i)),
              district == null || district.isNullAt(i) ? null : shared(district.getString(i)),
              values,
              nulls,
              rateValues));
    }
  }

  private static ColumnVector vector(ColumnarBatch data, StructType schema, String column) {
    int index = schema.indexOf(column);
    return index < 0 ? null : data.getColumnVector(index);
  }

  private String shared(String value) {
    return value == null ? null : strings.computeIfAbsent(value, v -> v);
  }

  List<KpiRow> rows() {
    return rows;
  }
}
