package vn.da06.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.jobs.TestInbox;
import vn.da06.warehouse.Feed;

/**
 * A large CSV file read in parts gives exactly the rows, and the line numbers, of reading it whole.
 */
class FilePartsTest {

  static final String HEADER =
      "snapshot_date,citizen_id,full_name,birth_date,sex,ward_code,residence_type,has_chip_card,is_deceased,last_verified_at";
  static final Pseudonymizer KEY =
      new Pseudonymizer("test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

  @TempDir Path dir;

  /**
   * Every shape a cut could go wrong on: quoted commas and line breaks, escaped quotes, CRLF, empty
   * lines.
   */
  static String awkward(int records) {
    StringBuilder text = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
    for (int i = 0; i < records; i++) {
      String id = String.format("0200%08d", i);
      switch (i % 7) {
        case 0 ->
            text.append("2025-06-30,")
                .append(id)
                .append(",\"Nguyễn, Văn\nAn ")
                .append(i)
                .append("\",1990-01-01,M,06325,PERMANENT,true,false,\r\n");
        case 1 ->
            text.append("2025-06-30,")
                .append(id)
                .append(",\"Trần \"\"Bé\"\" ")
                .append(i)
                .append("\",2012-07-01,F,06328,,false,false,2025-01-01\r\n");
        case 2 ->
            text.append("2025-06-30,")
                .append(id)
                .append(",Lê \"Tí\" ")
                .append(i)
                .append(",1980-05-05,M,06328\r\n"); // short row
        case 3 -> text.append("\r\n"); // an empty line
        case 4 ->
            text.append("2025-06-30,")
                .append(id)
                .append(
                    ",\"Phạm\r\n\r\nThị\" ,1980-05-05,F,06328,PERMANENT,true,true,2025-06-01\r\n");
        default ->
            text.append("30/06/2025,")
                .append(id)
                .append(",Hoàng Văn ")
                .append(i)
                .append(",1980-05-05,M,06325,PERMANENT,true,false,2025-06-01\r\n");
      }
    }
    return text.toString();
  }

  static InboxFile scan(Path inbox, long splitBytes) {
    Configuration hadoop = new Configuration();
    hadoop.setLong(InboxScanner.SPLIT_BYTES, splitBytes);
    List<InboxFile> files = new InboxScanner(hadoop).scan(inbox.toString());
    assertThat(files).hasSize(1);
    assertThat(files.get(0).rejection()).isNull();
    return files.get(0);
  }

  static List<String> rows(InboxFile file) {
    List<String> rows = new ArrayList<>();
    for (InboxFile.Part part : file.parts()) {
      CsvRows.read(part, KEY, new Configuration()).forEachRemaining(row -> rows.add(show(row)));
    }
    return rows;
  }

  static String show(Row row) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < row.length(); i++) {
      values.add(row.get(i));
    }
    return values.toString();
  }

  @Test
  void partsReadTheSameRowsAndLinesAsTheWholeFile() {
    TestInbox inbox = new TestInbox(dir);
    inbox.writeBytes(
        "population", "population_2025-06-30.csv", awkward(700).getBytes(StandardCharsets.UTF_8));
    InboxFile whole = scan(dir, Long.MAX_VALUE);
    assertThat(whole.splits()).isEmpty();
    List<String> expected = rows(whole);
    assertThat(expected).hasSize(600); // 700 records, every seventh an empty line
    assertThat(expected.get(0))
        .startsWith("[population/population_2025-06-30.csv, " + whole.sha256() + ", 2, null, ");
    assertThat(expected).anyMatch(row -> row.contains("the row has 6 fields, the header has 10"));
    // Lines 2-3: record 0 (a quoted line break); 4, 5: records 1, 2; 6: empty; 7-9: record 4,
    // numbered by its first line.
    assertThat(expected.get(3))
        .startsWith("[population/population_2025-06-30.csv, " + whole.sha256() + ", 7, null, ");

    for (long every : new long[] {1, 97, 4096}) {
      InboxFile cut = scan(dir, every);
      assertThat(cut.splits())
          .as("cuts every %d bytes", every)
          .hasSizeGreaterThan(every == 1 ? 590 : every == 97 ? 250 : 10);
      assertThat(rows(cut)).as("cuts every %d bytes", every).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void filesTheReaderCountsDifferentlyAreReadWhole() {
    String text = awkward(300);
    new TestInbox(dir.resolve("cr"))
        .writeBytes(
            "population", "p.csv", text.replace("\r\n", "\r").getBytes(StandardCharsets.UTF_8));
    assertThat(scan(dir.resolve("cr"), 64).splits()).as("lone CR line breaks").isEmpty();
    new TestInbox(dir.resolve("gz")).writeBytes("population", "p.csv.gz", TestInbox.gzip(text));
    assertThat(scan(dir.resolve("gz"), 64).splits()).as("gzip").isEmpty();
    new TestInbox(dir.resolve("bad"))
        .writeBytes(
            "population",
            "p.csv",
            text.replace("\"Trần", "\"Trần\"x").getBytes(StandardCharsets.UTF_8));
    assertThat(scan(dir.resolve("bad"), 64).splits()).as("text after a closing quote").isEmpty();
    new TestInbox(dir.resolve("lf"))
        .writeBytes(
            "population", "p.csv", text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(scan(dir.resolve("lf"), 64).splits()).as("LF line breaks").isNotEmpty();
  }

  @Test
  void tasksGetAboutTheSameTextToRead() {
    List<InboxFile.Part> parts = new ArrayList<>();
    for (int size : new int[] {90, 10, 40, 40, 30, 30, 20, 20, 10, 10}) {
      InboxFile file =
          new InboxFile(
              Feed.POPULATION,
              "f" + parts.size() + ".csv",
              "p/f" + parts.size(),
              "sha",
              size,
              null,
              List.of(),
              List.of());
      parts.addAll(file.parts());
    }
    List<List<InboxFile.Part>> tasks = CsvRows.balance(parts, 3);
    assertThat(tasks).hasSize(3);
    assertThat(tasks.stream().mapToLong(t -> t.stream().mapToLong(InboxFile.Part::bytes).sum()))
        .containsExactlyInAnyOrder(100L, 100L, 100L);
    assertThat(tasks.stream().mapToInt(List::size).sum()).isEqualTo(parts.size());
  }
}
