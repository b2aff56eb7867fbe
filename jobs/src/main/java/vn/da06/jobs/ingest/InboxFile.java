package vn.da06.jobs.ingest;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;
import vn.da06.warehouse.Feed;

/**
 * One file of the inbox after the file-level checks of feeds.md: its content hash (the identity used to
 * skip a file already ingested), and either the header it was read with or why the whole file is rejected.
 *
 * @param feed the feed (inbox sub-folder)
 * @param uri the file's location (a local path or a Hadoop URI)
 * @param name the name shown to people: {@code <feed>/<file name>}
 * @param sha256 hex SHA-256 of the file's bytes as delivered
 * @param sizeBytes size of the file as delivered
 * @param rejection why the whole file is rejected, as a sentence naming the file and the fix; null if accepted
 * @param extraColumns header columns the contract does not know (ignored, reported once)
 */
public record InboxFile(
    Feed feed, String uri, String name, String sha256, long sizeBytes, String rejection, List<String> extraColumns)
    implements Serializable {

  public InboxFile {
    requireNonNull(feed, "feed is null");
    requireNonNull(uri, "uri is null");
    requireNonNull(name, "name is null");
    requireNonNull(sha256, "sha256 is null");
    extraColumns = List.copyOf(extraColumns);
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
