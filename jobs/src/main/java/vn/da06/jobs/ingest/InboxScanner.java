package vn.da06.jobs.ingest;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import vn.da06.warehouse.Feed;

/**
 * Lists the inbox and applies the whole-file rules of feeds.md to each file: encoding (UTF-8 with
 * or without BOM), gzip integrity, a header row, comma separation, required columns. Reads each
 * file once, hashing it on the way, so the hash can tell a file already ingested.
 *
 * <p>Over 400 lines on purpose: one pass over each file's bytes applies every whole-file rule and
 * finds the record boundaries; the rules share that pass.
 */
public final class InboxScanner {

  /**
   * The Hadoop setting for the bytes between two places a plain CSV file may be cut, so that one
   * large file (a province's population snapshot) is read by every core instead of one.
   */
  public static final String SPLIT_BYTES = "da06.ingest.split.bytes";

  static final long DEFAULT_SPLIT_BYTES = 32L << 20;

  private final Configuration hadoop;
  private final long splitBytes;

  public InboxScanner(Configuration hadoop) {
    this.hadoop = hadoop;
    this.splitBytes = hadoop.getLong(SPLIT_BYTES, DEFAULT_SPLIT_BYTES);
    if (splitBytes < 1) {
      throw new PipelineInputException(
          "Cannot scan the inbox: "
              + SPLIT_BYTES
              + " is "
              + splitBytes
              + " (give a positive number of bytes, or leave it unset for "
              + DEFAULT_SPLIT_BYTES
              + ")");
    }
  }

  /** The files of every feed folder below {@code inbox}, sorted by feed then name. */
  public List<InboxFile> scan(String inbox) {
    Path root = new Path(inbox);
    List<Candidate> candidates = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem(hadoop);
      if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
        throw new PipelineInputException(
            "Cannot read the inbox "
                + inbox
                + ": it does not exist or is not a folder (give --inbox the folder that holds eid_applications/,"
                + " service_dossiers/, population/, daily_reports/ and targets/)");
      }
      for (Feed feed : Feed.values()) {
        Path folder = new Path(root, feed.folder());
        if (!fs.exists(folder)) {
          continue;
        }
        for (FileStatus status : fs.listStatus(folder)) {
          String fileName = status.getPath().getName();
          if (status.isFile()
              && !fileName.startsWith(".")
              && !fileName.startsWith("_")
              && isFeedFile(feed, fileName)) {
            candidates.add(
                new Candidate(
                    feed,
                    status.getPath().toString(),
                    feed.folder() + "/" + fileName,
                    status.getLen()));
          }
        }
      }
    } catch (IOException e) {
      throw new PipelineInputException(
          "Cannot read the inbox "
              + inbox
              + ": "
              + e.getMessage()
              + " (check that the folder exists and is readable by this user)",
          e);
    }
    candidates.sort(
        Comparator.comparing((Candidate c) -> c.feed.ordinal()).thenComparing(c -> c.name));
    return candidates.parallelStream().map(this::check).toList();
  }

  private static boolean isFeedFile(Feed feed, String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".csv")
        || lower.endsWith(".csv.gz")
        || (feed == Feed.TARGETS && lower.endsWith(".xlsx"));
  }

  private record Candidate(Feed feed, String uri, String name, long size) {}

  private InboxFile check(Candidate candidate) {
    MessageDigest digest = sha256();
    String rejection = null;
    List<String> extra = List.of();
    List<InboxFile.Split> splits = new ArrayList<>();
    try (InputStream raw =
        new DigestInputStream(
            new BufferedInputStream(
                new Path(candidate.uri).getFileSystem(hadoop).open(new Path(candidate.uri)),
                1 << 16),
            digest)) {
      if (candidate.size == 0) {
        rejection = "it is empty (export it again with its header row)";
      } else if (candidate.uri.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
        HeaderCheck header = checkExcel(candidate.feed, raw);
        rejection = header.rejection;
        extra = header.extra;
      } else {
        boolean gzip = candidate.uri.toLowerCase(Locale.ROOT).endsWith(".gz");
        InputStream content = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
        SplitFinder cuts =
            gzip || candidate.size <= splitBytes
                ? null
                : new SplitFinder(splitBytes, candidate.size, splits);
        HeaderCheck header = checkText(candidate.feed, content, cuts);
        rejection = header.rejection;
        extra = header.extra;
      }
      raw.transferTo(OutputSink.INSTANCE); // finish hashing whatever was not read
    } catch (EOFException e) {
      rejection = "it is a truncated gzip file (copy it again: the transfer was cut off)";
    } catch (ZipException e) {
      rejection =
          "it is not a valid gzip file: "
              + e.getMessage()
              + " (compress it again with gzip, or send it as .csv)";
    } catch (IOException e) {
      rejection = "it cannot be read: " + e.getMessage() + " (check the file's permissions)";
    }
    String sha = HexFormat.of().formatHex(digest.digest());
    String message =
        rejection == null ? null : "Cannot ingest " + candidate.name + ": " + rejection;
    return new InboxFile(
        candidate.feed,
        candidate.uri,
        candidate.name,
        sha,
        candidate.size,
        message,
        extra,
        rejection == null ? splits : List.of());
  }

  private record HeaderCheck(String rejection, List<String> extra) {}

  /**
   * Finds where a plain CSV file can be cut, in the same pass over its bytes as the UTF-8 check:
   * the first record start at least {@code every} bytes after the last cut. It follows the CSV
   * reader's RFC 4180 states, so a line break inside a quoted value is never taken for a record's
   * end. Line numbers count LF, as the reader counts CRLF. Wherever the reader would count or parse
   * differently (a lone CR, which it counts as a line break; text after a closing quote, which it
   * refuses; a multi-byte space), the file is not cut at all and reads as one part.
   */
  private static final class SplitFinder {
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;
    private static final int AFTER_QUOTED = 4;

    private final long every;
    private final long size;
    private final List<InboxFile.Split> splits;
    private long next;
    private int state = FIELD_START;
    private boolean afterCr;
    private boolean uncuttable;

    SplitFinder(long every, long size, List<InboxFile.Split> splits) {
      this.every = every;
      this.size = size;
      this.splits = splits;
      this.next = every;
    }

    /**
     * One byte at {@code offset}; {@code line} is the line number after it (one more after an LF).
     */
    void accept(byte b, long offset, long line) {
      if (afterCr && b != '\n') {
        uncuttable = true;
      }
      afterCr = b == '\r';
      boolean recordEnd = false;
      switch (state) {
        case QUOTED -> state = b == '"' ? QUOTE_IN_QUOTED : QUOTED;
        case QUOTE_IN_QUOTED, AFTER_QUOTED -> {
          if (b == '"' && state == QUOTE_IN_QUOTED) {
            state = QUOTED; // an escaped quote
          } else if (b == ',') {
            state = FIELD_START;
          } else if (b == '\n') {
            recordEnd = true;
          } else if (b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0B) {
            state = AFTER_QUOTED;
          } else {
            uncuttable = true; // the reader refuses this file anyway
          }
        }
        default -> { // FIELD_START, UNQUOTED
          if (b == '"' && state == FIELD_START) {
            state = QUOTED;
          } else if (b == ',') {
            state = FIELD_START;
          } else if (b == '\n') {
            recordEnd = true;
          } else if (b != '\r') {
            state = UNQUOTED;
          }
        }
      }
      if (recordEnd) {
        state = FIELD_START;
        if (offset + 1 >= next && offset + 1 < size) {
          splits.add(new InboxFile.Split(offset + 1, line));
          next = offset + 1 + every;
        }
      }
    }

    void finish() {
      if (uncuttable || afterCr) {
        splits.clear();
      }
    }
  }

  /**
   * Reads the whole text: the header checks, then UTF-8 validity of every byte; {@code cuts} may be
   * null.
   */
  private HeaderCheck checkText(Feed feed, InputStream content, SplitFinder cuts)
      throws IOException {
    BufferedInputStream in = new BufferedInputStream(content, 1 << 16);
    in.mark(4);
    int b0 = in.read();
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b0 < 0) {
      return new HeaderCheck("it is empty (export it again with its header row)", List.of());
    }
    if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF) || b0 == 0 || b1 == 0) {
      return new HeaderCheck("it is UTF-16 encoded (export it as CSV UTF-8)", List.of());
    }
    long offset = 0;
    if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
      offset = in.skip(3);
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    CharBuffer chars = CharBuffer.allocate(1 << 16);
    StringBuilder header = new StringBuilder();
    boolean headerDone = false;
    long line = 1;
    HeaderCheck result = null;
    boolean end = false;
    while (!end) {
      int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
      end = read < 0;
      if (read > 0) {
        bytes.position(bytes.position() + read);
      }
      bytes.flip();
      int before = bytes.position();
      CoderResult coded = decoder.decode(bytes, chars, end);
      byte[] array = bytes.array();
      for (int i = before; i < bytes.position(); i++) {
        byte b = array[i];
        if (b == '\n') {
          line++;
        }
        if (cuts != null) {
          cuts.accept(b, offset + i - before, line);
        }
      }
      offset += bytes.position() - before;
      if (coded.isError()) {
        return new HeaderCheck(
            "it is not UTF-8: line "
                + line
                + " holds bytes that are not valid UTF-8, as Windows-1258"
                + " or another legacy encoding would (export it as CSV UTF-8)",
            List.of());
      }
      chars.flip();
      while (!headerDone && chars.hasRemaining()) {
        char c = chars.get();
        if (c == '\n' || c == '\r') { // CR alone ends a line too, as the CSV reader reads it
          headerDone = true;
          result = checkHeader(feed, header.toString());
          if (result.rejection != null) {
            return result; // no need to validate the rest of a file already rejected
          }
        } else {
          header.append(c);
        }
      }
      chars.clear();
      bytes.compact();
    }
    if (cuts != null) {
      cuts.finish();
    }
    return result != null ? result : checkHeader(feed, header.toString());
  }

  static HeaderCheck checkHeader(Feed feed, String headerLine) {
    if (headerLine.isBlank()) {
      return new HeaderCheck(
          "it has no header row (the first line must name the columns: "
              + String.join(",", feed.requiredColumns())
              + ")",
          List.of());
    }
    List<String> columns = CsvRows.splitHeader(headerLine);
    if (columns.size() == 1) {
      for (String separator : List.of(";", "\t", "|")) {
        if (headerLine.contains(separator)) {
          String shown = separator.equals("\t") ? "tab" : "'" + separator + "'";
          return new HeaderCheck(
              "it is not comma-separated: the header is separated by "
                  + shown
                  + " (export it as CSV with commas)",
              List.of());
        }
      }
    }
    return checkColumns(feed, columns);
  }

  private static HeaderCheck checkColumns(Feed feed, List<String> columns) {
    Set<String> present = new LinkedHashSet<>();
    for (String column : columns) {
      present.add(column.trim().toLowerCase(Locale.ROOT));
    }
    for (String required : feed.requiredColumns()) {
      if (!present.contains(required)) {
        return new HeaderCheck(
            "the required column '"
                + required
                + "' is missing (add it; the "
                + feed.folder()
                + " feed needs "
                + String.join(", ", feed.requiredColumns())
                + ")",
            List.of());
      }
    }
    List<String> extra = present.stream().filter(c -> !feed.columns().contains(c)).toList();
    return new HeaderCheck(null, extra);
  }

  private HeaderCheck checkExcel(Feed feed, InputStream raw) throws IOException {
    // POI closes the stream it reads; read the bytes first so the hash still sees all of them.
    try (Workbook workbook =
        WorkbookFactory.create(new java.io.ByteArrayInputStream(raw.readAllBytes()))) {
      Sheet sheet = workbook.getSheetAt(0);
      Row header = sheet.getRow(sheet.getFirstRowNum());
      if (header == null) {
        return new HeaderCheck(
            "its first sheet is empty (put the header row on the first line)", List.of());
      }
      DataFormatter formatter = new DataFormatter();
      List<String> columns = new ArrayList<>();
      for (Cell cell : header) {
        columns.add(formatter.formatCellValue(cell));
      }
      return checkColumns(feed, columns);
    } catch (org.apache.poi.UnsupportedFileFormatException e) {
      return new HeaderCheck(
          "it is not an Excel .xlsx workbook (save it as .xlsx or export CSV UTF-8)", List.of());
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class OutputSink extends java.io.OutputStream {
    static final OutputSink INSTANCE = new OutputSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
