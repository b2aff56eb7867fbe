package vn.da06.dashboard.web;

import java.util.Map;

/**
 * An ECharts option built on the server; app.js reads it from a data-* attribute (no inline
 * script).
 */
record Chart(String id, String title, Map<String, Object> option, int height) {
  Chart(String id, String title, Map<String, Object> option) {
    this(id, title, option, 320);
  }
}
