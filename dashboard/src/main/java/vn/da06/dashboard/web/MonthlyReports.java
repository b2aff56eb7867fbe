package vn.da06.dashboard.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.da06.goldread.ops.MailLedgerEntry;
import vn.da06.goldread.ops.ReportRecord;
import vn.da06.goldread.ops.ReportsRead;

/**
 * The monthly reports the committees are due ({@code units} of config/reports.yaml: each unit's
 * {@code monthly_due_day}, the 8th or the 15th) and what became of them ({@code ops.reports} and
 * the send ledger, through gold-read's {@link ReportsRead}). A report due on day D of a month is
 * the report of the month before.
 *
 * <p>Only the fields the dashboard needs are read from the configuration (the orchestration owns
 * the rest of it); the ops files are read again on each call, as the orchestration appends to them.
 */
final class MonthlyReports {
  /** No configuration: the to-do list says so. */
  static final MonthlyReports NONE = new MonthlyReports(null, List.of());

  /** A unit whose monthly report is due on {@code dueDay} of each month. */
  record Due(String unitCode, int dueDay) {}

  /** The state of one unit's monthly report of {@code period}. */
  record State(
      Due due,
      String period,
      LocalDate dueDate,
      Optional<ReportRecord> report,
      int recipientsSent,
      int recipients,
      Instant lastSent) {
    boolean made() {
      return report.isPresent();
    }

    boolean sent() {
      return recipients > 0 && recipientsSent == recipients;
    }

    boolean provisional() {
      return report.map(record -> !record.official()).orElse(false);
    }

    /** Not sent to every recipient by the end of the due day, judged on {@code today}. */
    boolean late(LocalDate today) {
      LocalDate sentOn =
          lastSent == null ? null : lastSent.atZone(PageContext.VIETNAM).toLocalDate();
      return sent() ? sentOn != null && sentOn.isAfter(dueDate) : today.isAfter(dueDate);
    }
  }

  private final ReportsRead read;
  private final List<Due> dues;

  MonthlyReports(ReportsRead read, List<Due> dues) {
    this.read = read;
    this.dues = List.copyOf(dues);
  }

  /**
   * The reports due by the configuration {@code reportsConfig} (none when it does not exist), and
   * made in {@code warehouse}.
   */
  public static MonthlyReports load(Path warehouse, Path reportsConfig) {
    if (reportsConfig == null || !Files.isRegularFile(reportsConfig)) {
      return NONE;
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(reportsConfig.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read " + reportsConfig + ": " + e.getMessage() + " (fix the YAML)", e);
    }
    List<Due> dues = new ArrayList<>();
    for (JsonNode unit : root.path("units")) {
      String code = unit.path("code").asText(null);
      if (code != null && unit.hasNonNull("monthly_due_day")) {
        dues.add(new Due(code, unit.get("monthly_due_day").asInt()));
      }
    }
    return new MonthlyReports(warehouse == null ? null : new ReportsRead(warehouse), dues);
  }

  boolean configured() {
    return !dues.isEmpty();
  }

  List<Due> dues() {
    return dues;
  }

  /** The period whose reports are due in the month of {@code today}: last month. */
  static YearMonth period(LocalDate today) {
    return YearMonth.from(today).minusMonths(1);
  }

  /** The states of the reports of {@code period} of the units {@code keep} accepts. */
  List<State> states(YearMonth period, java.util.function.Predicate<String> keep) {
    List<ReportRecord> records = read == null ? List.of() : read.reports();
    java.util.Map<String, MailLedgerEntry> deliveries =
        read == null ? java.util.Map.of() : read.deliveries();
    List<State> states = new ArrayList<>();
    for (Due due : dues) {
      if (!keep.test(due.unitCode())) {
        continue;
      }
      Optional<ReportRecord> report =
          records.stream()
              .filter(record -> ReportRecord.MONTHLY.equals(record.kind()))
              .filter(record -> record.unitCode().equals(due.unitCode()))
              .filter(record -> record.period().equals(period.toString()))
              .reduce((first, second) -> second); // the latest made
      int sent = 0;
      int recipients = 0;
      Instant lastSent = null;
      if (report.isPresent()) {
        for (MailLedgerEntry entry : deliveries.values()) {
          if (entry.reportId().equals(report.get().reportId()) && !"WARNING".equals(entry.kind())) {
            recipients++;
            if (entry.state() == MailLedgerEntry.State.SENT) {
              sent++;
              Instant at = instant(entry.at());
              if (at != null && (lastSent == null || at.isAfter(lastSent))) {
                lastSent = at;
              }
            }
          }
        }
      }
      states.add(
          new State(
              due,
              period.toString(),
              period.plusMonths(1).atDay(Math.min(due.dueDay(), 28)),
              report,
              sent,
              recipients,
              lastSent));
    }
    return states;
  }

  private static Instant instant(String at) {
    if (at == null) {
      return null;
    }
    try {
      return Instant.parse(at);
    } catch (java.time.format.DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(at).toInstant();
      } catch (java.time.format.DateTimeParseException ignored) {
        return null; // a ledger time the dashboard cannot read: sent, time unknown
      }
    }
  }
}
