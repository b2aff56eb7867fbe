package vn.da06.dashboard.web;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A table as a page shows it and as it downloads: columns, and rows of cells holding the raw value
 * (what CSV and XLSX get), the text shown, and optionally a link and a CSS class.
 */
record TableView(String id, String title, List<Column> columns, List<List<Cell>> rows) {
  TableView {
    requireNonNull(id, "id is null");
    requireNonNull(title, "title is null");
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  enum Kind {
    TEXT,
    COUNT,
    RATE,
    DECIMAL,
    DATE
  }

  /** A column; {@code sortKey} non-null makes its header a sort link. */
  record Column(String key, String label, Kind kind, String sortKey) {
    Column(String key, String label, Kind kind) {
      this(key, label, kind, null);
    }
  }

  /** A cell; {@code title} (may be null) is the tooltip: what a coloured figure is judged by. */
  record Cell(Object value, String text, String href, String cssClass, String title) {
    Cell(Object value, String text, String href, String cssClass) {
      this(value, text, href, cssClass, null);
    }

    static Cell of(Object value, String text) {
      return new Cell(value, text, null, null);
    }
  }
}
