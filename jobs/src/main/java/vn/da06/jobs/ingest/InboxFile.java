package vn.da06.jobs.ingest;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;
import vn.da06.warehouse.Feed;

/**
 * One file of the inbox after the file-level checks of feeds.md: its content hash (the identity
 * used to skip a file already ingested), and either the header it was read with or why the whole
 * file is rejected.
 *
 * @param feed the feed (inbox sub-folder)
 * @param uri the file's location (a local path or a Hadoop URI)
 * @param name the name shown to people: {@code <feed>/<file name>}
 * @param sha256 hex SHA-256 of the file's bytes as delivered
 * @param sizeBytes size of the file as delivered
 * @param rejection why the whole file is rejected, as a sentence naming the file and the fix; null
 *     if accepted
 * @param extraColumns header columns the contract does not know (ignored, reported once)
 * @param splits where a plain CSV file can be cut so that its parts are read in parallel, in file
 *     order: each a record boundary outside any quoted value, with the number of the line that
 *     starts there. Empty for gzip and Excel files (read whole) and for files below the scanner's
 *     split size
 */
public record InboxFile(
    Feed feed,
    String uri,
    String name,
    String sha256,
    long sizeBytes,
    String rejection,
    List<String> extraColumns,
    List<Split> splits)
    implements Serializable {

  /**
   * A byte offset where a record starts, outside quotes, and the file's line number there (1 = the
   * header).
   */
  public record Split(long offset, long line) implements Serializable {}

  /**
   * One part of a file to read: bytes {@code [start, end)} whose first line is {@code firstLine};
   * {@code end} is -1 for the end of the file. The first part holds the header.
   */
  public record Part(InboxFile file, long start, long end, long firstLine) implements Serializable {
    public long bytes() {
      return (end < 0 ? file.sizeBytes() : end) - start;
    }
  }

  public InboxFile {
    requireNonNull(feed, "feed is null");
    requireNonNull(uri, "uri is null");
    requireNonNull(name, "name is null");
    requireNonNull(sha256, "sha256 is null");
    extraColumns = List.copyOf(extraColumns);
    splits = List.copyOf(splits);
  }

  /** The file cut at its splits: one part for a file without any. */
  public List<Part> parts() {
    List<Part> parts = new java.util.ArrayList<>(splits.size() + 1);
    long start = 0;
    long line = 1;
    for (Split split : splits) {
      parts.add(new Part(this, start, split.offset(), line));
      start = split.offset();
      line = split.line();
    }
    parts.add(new Part(this, start, -1, line));
    return parts;
  }

  public boolean accepted() {
    return rejection == null;
  }

  public boolean isExcel() {
    return uri.toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx");
  }

  public boolean isGzip() {
    return uri.toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
  }
}
