package vn.da06.warehouse.trino;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** trino-jdbc over HTTPS with the generated truststore, and query results as CSV. */
public final class TrinoClient {
  private TrinoClient() {}

  public static Connection connect(TrinoSettings settings, String user, String password)
      throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("SSL", "true");
    properties.setProperty("SSLTrustStorePath", settings.trustStore().toString());
    properties.setProperty("SSLTrustStorePassword", settings.trustStorePassword());
    return DriverManager.getConnection(
        "jdbc:trino://" + settings.host() + ":" + settings.port(), properties);
  }

  /** Runs one query and prints its result as CSV with a header row; returns the number of rows. */
  public static long printCsv(Connection connection, String sql, Appendable out)
      throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql);
        CSVPrinter printer =
            new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
      ResultSetMetaData meta = result.getMetaData();
      List<String> header = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        header.add(meta.getColumnLabel(i));
      }
      printer.printRecord(header);
      long rows = 0;
      while (result.next()) {
        List<Object> values = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          values.add(result.getObject(i));
        }
        printer.printRecord(values);
        rows++;
      }
      printer.flush();
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
