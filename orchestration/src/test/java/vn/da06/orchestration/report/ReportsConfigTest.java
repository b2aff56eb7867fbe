package vn.da06.orchestration.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsConfigTest {
  @TempDir Path dir;

  @Test
  void theShippedExampleLoadsWithEachUnitsDueDay() {
    Path example =
        Path.of(System.getProperty("da06.project.dir", ".."))
            .resolve("config/reports.example.yaml");
    ReportsConfig config = ReportsConfig.load(example);

    assertThat(config.units()).extracting(ReportsConfig.Unit::code).containsExactly("20", "06076");
    assertThat(config.units()).extracting(ReportsConfig.Unit::monthlyDueDay).containsExactly(8, 15);
    assertThat(config.units()).extracting(ReportsConfig.Unit::daily).containsExactly(true, false);
    assertThat(config.smtp().tls()).isEqualTo(ReportsConfig.TlsMode.STARTTLS);
    assertThat(config.smtp().passwordEnv()).isEqualTo("DA06_SMTP_PASSWORD");
    assertThat(config.archive()).isPresent();
    assertThat(config.thresholds()).containsEntry("dq_stale", 0.30);
  }

  @Test
  void aUnitWithoutADueDayIsDueOnTheEighth() {
    Path file =
        TestReports.write(
            dir.resolve("r.yaml"),
            """
        smtp: {host: h, from: a@b.vn}
        units:
          - {code: "20", recipients: [x@b.vn]}
        """);
    assertThat(ReportsConfig.load(file).units().get(0).monthlyDueDay()).isEqualTo(8);
  }

  @Test
  void mistakesNameTheFileTheLineAndTheFix() {
    Path unknown =
        TestReports.write(
            dir.resolve("unknown.yaml"),
            """
        smtp: {host: h, from: a@b.vn}
        unitz: []
        """);
    assertThatThrownBy(() -> ReportsConfig.load(unknown))
        .isInstanceOf(ReportException.class)
        .hasMessageStartingWith("Cannot read " + unknown + " line 2: Unrecognized field \"unitz\"");

    Path email =
        TestReports.write(
            dir.resolve("email.yaml"),
            """
        smtp: {host: h, from: a@b.vn}
        units:
          - {code: "20", recipients: [not-an-address]}
        """);
    assertThatThrownBy(() -> ReportsConfig.load(email))
        .hasMessage(
            "Cannot read "
                + email
                + " line 3: unit 20: 'not-an-address' is not an email address (see docs/reports.md)");

    Path day =
        TestReports.write(
            dir.resolve("day.yaml"),
            """
        smtp: {host: h, from: a@b.vn}
        units:
          - {code: "20", recipients: [a@b.vn], monthly_due_day: 31}
        """);
    assertThatThrownBy(() -> ReportsConfig.load(day))
        .hasMessageContaining("monthly_due_day must be 1..28, not 31");

    assertThatThrownBy(() -> ReportsConfig.load(dir.resolve("absent.yaml")))
        .hasMessageContaining("the file does not exist (copy config/reports.example.yaml");
  }

  @Test
  void aRecipientThatIsNotOneValidAddressIsAnErrorNamingItsLineBeforeAnyMail() {
    for (String bad :
        List.of(
            "a@b.vn;evil@x.vn",
            "\"Tên\" <a@b.vn>",
            "a@b.vn,evil.example",
            "a b@c.vn",
            "a@b",
            "a@@b.vn",
            "a@b.vn\\r\\nBcc: evil@x.vn")) {
      Path file =
          TestReports.write(
              dir.resolve("bad-" + Math.abs(bad.hashCode()) + ".yaml"),
              """
          smtp: {host: h, from: a@b.vn}
          units:
            - code: "20"
              recipients:
                - ok@b.vn
                - %s
          """
                  .formatted("'" + bad.replace("'", "''") + "'"));
      assertThatThrownBy(() -> ReportsConfig.load(file))
          .as(bad)
          .isInstanceOf(ReportException.class)
          .hasMessageContaining(" line 6: unit 20:")
          .hasMessageContaining("is not an email address");
    }
  }

  @Test
  void aUnitCodeThatDoesNotExistIsAnErrorNamingItsLine() {
    Path file =
        TestReports.write(
            dir.resolve("units.yaml"),
            """
        smtp: {host: h, from: a@b.vn}
        units:
          - {code: "20", recipients: [a@b.vn]}
          - {code: "99", recipients: [c@d.vn]}
        """);
    ReportsConfig.requireKnownUnits(file, List.of()); // all known: nothing to say
    assertThatThrownBy(() -> ReportsConfig.requireKnownUnits(file, List.of("99")))
        .isInstanceOf(ReportException.class)
        .hasMessageStartingWith("Cannot send reports: " + file + " line 4: unit 99 does not exist")
        .hasMessageEndingWith("No report was sent.");
  }
}
