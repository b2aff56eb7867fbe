package vn.da06.orchestration.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Charts drawn with JFreeChart into an image: no anti-aliasing and the shipped DejaVu font, so the
 * same data gives the same pixels (a regenerated report is byte-identical).
 */
final class ChartImages {
  private static final Color[] COLORS = {
    new Color(0xB71C1C), new Color(0x1565C0), new Color(0x2E7D32)
  };

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private ChartImages() {}

  static BufferedImage render(ReportDocument.Chart chart, int width, int height) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Map.Entry<String, List<Double>> series : chart.series().entrySet()) {
      for (int i = 0; i < chart.categories().size() && i < series.getValue().size(); i++) {
        Double value = series.getValue().get(i);
        data.addValue(
            value == null ? null : (chart.percent() ? value * 100 : value),
            series.getKey(),
            chart.categories().get(i));
      }
    }
    Font font = Fonts.awt(Fonts.SANS, 13f);
    CategoryAxis categories = new CategoryAxis();
    categories.setTickLabelFont(font);
    categories.setMaximumCategoryLabelLines(2);
    if (!chart.line()) {
      categories.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    NumberAxis values = new NumberAxis(chart.percent() ? "%" : "");
    values.setTickLabelFont(font);
    values.setLabelFont(font);
    values.setAutoRangeIncludesZero(true);
    DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
    symbols.setDecimalSeparator(',');
    symbols.setGroupingSeparator('.');
    values.setNumberFormatOverride(new DecimalFormat("#,##0.#", symbols));
    CategoryPlot plot;
    if (chart.line()) {
      LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
      for (int i = 0; i < chart.series().size(); i++) {
        renderer.setSeriesPaint(i, COLORS[i % COLORS.length]);
        renderer.setSeriesStroke(i, new BasicStroke(2.5f));
      }
      plot = new CategoryPlot(data, categories, values, renderer);
    } else {
      BarRenderer renderer = new BarRenderer();
      renderer.setBarPainter(new StandardBarPainter());
      renderer.setShadowVisible(false);
      renderer.setSeriesPaint(0, COLORS[0]);
      plot = new CategoryPlot(data, categories, values, renderer);
    }
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xBDBDBD));
    JFreeChart jfree = new JFreeChart(null, font, plot, chart.series().size() > 1);
    jfree.setBackgroundPaint(Color.WHITE);
    jfree.setAntiAlias(false);
    jfree.setTextAntiAlias(false);
    LegendTitle legend = jfree.getLegend();
    if (legend != null) {
      legend.setItemFont(font);
      legend.setPosition(RectangleEdge.BOTTOM);
    }
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    graphics.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
    graphics.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
    jfree.draw(graphics, new Rectangle2D.Double(0, 0, width, height));
    graphics.dispose();
    return image;
  }
}
