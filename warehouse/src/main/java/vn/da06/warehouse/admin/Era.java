package vn.da06.warehouse.admin;

import java.time.LocalDate;

/**
 * Which list of commune-level units a date is read against. Ward codes were reused by the 1 July
 * 2025 reform, so a code means nothing without its era.
 */
public enum Era {
  /** The three-level list (province, district, commune), valid until 30 June 2025. */
  PRE_REFORM,
  /** The two-level list (province, commune) of Decision 19/2025/QĐ-TTg, valid from 1 July 2025. */
  POST_REFORM;

  public static final LocalDate REFORM_DATE = LocalDate.of(2025, 7, 1);

  /** The era whose list is valid on {@code date}. */
  public static Era on(LocalDate date) {
    return date.isBefore(REFORM_DATE) ? PRE_REFORM : POST_REFORM;
  }

  /** The era of a month written {@code yyyy-MM}. */
  public static Era ofMonth(String month) {
    return on(LocalDate.parse(month + "-01"));
  }
}
