package vn.da06.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class HeadlineTest {
  @Test
  void sixToEightDistinctBandedIndicatorsInEverySection() {
    int size = Headline.INDICATORS.size();
    assertTrue(size >= 6 && size <= 8, "the strip holds 6-8 indicators, not " + size);
    assertEquals(size, new HashSet<>(Headline.metrics()).size(), "an indicator is listed twice");
    for (Headline.Section section : Headline.Section.values()) {
      assertTrue(
          Headline.INDICATORS.stream().anyMatch(i -> i.section() == section),
          section + " has no indicator");
    }
    for (Metric metric : Headline.metrics()) {
      assertTrue(metric.isBanded(), metric.column() + " is neutral: it cannot be coloured");
    }
  }
}
