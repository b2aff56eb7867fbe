package vn.da06.dashboard.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a page shows, in order: headings, notes, KPI cards, charts and tables. Rendered or exported.
 */
final class PageContent {
  /** A block of HTML already escaped by whoever built it. */
  record Raw(String html) {}

  record Card(String label, String value, String change, String status, String statusClass) {}

  record Cards(List<Card> cards) {}

  /**
   * Blocks folded under a summary line ("Xem tất cả", "Xem chi tiết"): detail one click away, not
   * in the way of the first screen.
   */
  record Fold(String summary, String testId, List<Object> blocks) {}

  private final String title;
  private final List<Object> blocks = new ArrayList<>();

  PageContent(String title) {
    this.title = title;
  }

  String title() {
    return title;
  }

  List<Object> blocks() {
    return blocks;
  }

  PageContent heading(String text) {
    blocks.add(new Raw("<h2>" + Html.esc(text) + "</h2>"));
    return this;
  }

  PageContent note(String text) {
    blocks.add(new Raw("<p class=\"note\">" + Html.esc(text) + "</p>"));
    return this;
  }

  PageContent raw(String html) {
    blocks.add(new Raw(html));
    return this;
  }

  PageContent add(Object block) {
    blocks.add(block);
    return this;
  }

  Optional<TableView> table(String id) {
    return blocks.stream()
        .filter(TableView.class::isInstance)
        .map(TableView.class::cast)
        .filter(table -> table.id().equals(id))
        .findFirst();
  }
}
