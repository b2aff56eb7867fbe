package vn.da06.warehouse;

/**
 * Where a value stands against the reference that applies to it, computed by {@link Metric#band}.
 * The screens, the reports and the API show these four and nothing else: no colouring by thirds of
 * the wards or by rank.
 */
public enum Band {
  MET("band-met", "Đạt", "Met"),
  CLOSE("band-close", "Gần đạt", "Close"),
  BEHIND("band-behind", "Chưa đạt", "Behind"),
  /** No reference applies (or no value): shown uncoloured. */
  NONE("band-none", "Chưa có chỉ tiêu", "No target");

  private final String cssClass;
  private final String labelVi;
  private final String labelEn;

  Band(String cssClass, String labelVi, String labelEn) {
    this.cssClass = cssClass;
    this.labelVi = labelVi;
    this.labelEn = labelEn;
  }

  public String cssClass() {
    return cssClass;
  }

  public String label(boolean vietnamese) {
    return vietnamese ? labelVi : labelEn;
  }

  /**
   * The lower-case name the API returns ({@code met}, {@code close}, {@code behind}, {@code none}).
   */
  public String apiName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * How near a reference counts as {@link #CLOSE}: within {@code ratePoints} of it for a rate (0.05
   * = 5 percentage points), at least {@code countShare} of it for a count (0.9 = 90 %).
   */
  public record Margins(double ratePoints, double countShare) {
    public static final Margins DEFAULT = new Margins(0.05, 0.90);

    public Margins {
      if (!(ratePoints >= 0 && ratePoints <= 1)) {
        throw new IllegalArgumentException(
            "the close margin of a rate is between 0 and 1 (0.05 = 5 points), not " + ratePoints);
      }
      if (!(countShare > 0 && countShare <= 1)) {
        throw new IllegalArgumentException(
            "the close share of a count is above 0 and at most 1 (0.9 = 90 %), not " + countShare);
      }
    }
  }
}
