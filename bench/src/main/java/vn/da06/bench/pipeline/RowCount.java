package vn.da06.bench.pipeline;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A row count as people write it on the command line: {@code 100M}, {@code 2.5M}, {@code 500k},
 * {@code 12000}.
 */
final class RowCount implements ITypeConverter<Long> {

  @Override
  public Long convert(String text) {
    return parse(text);
  }

  static long parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT).replace("_", "").replace(",", "");
    double factor = 1;
    if (t.endsWith("K")) {
      factor = 1e3;
    } else if (t.endsWith("M")) {
      factor = 1e6;
    } else if (t.endsWith("G") || t.endsWith("B")) {
      factor = 1e9;
    }
    String number = factor == 1 ? t : t.substring(0, t.length() - 1);
    try {
      double value = Double.parseDouble(number) * factor;
      if (!(value >= 1)) {
        throw new TypeConversionException(
            "Cannot read row count '" + text + "': it must be at least 1 (e.g. 10M)");
      }
      return Math.round(value);
    } catch (NumberFormatException e) {
      throw new TypeConversionException(
          "Cannot read row count '"
              + text
              + "': write a number with an optional k, M or G (e.g. 100M)");
    }
  }

  /** {@code 100M}, {@code 2.5M}, {@code 500k}: how a count is named in folders and figure names. */
  static String label(long rows) {
    if (rows >= 1_000_000 && rows % 100_000 == 0) {
      return (rows % 1_000_000 == 0 ? String.valueOf(rows / 1_000_000) : String.valueOf(rows / 1e6))
          + "M";
    }
    if (rows >= 1_000 && rows % 1_000 == 0) {
      return rows / 1_000 + "k";
    }
    return String.valueOf(rows);
  }
}
