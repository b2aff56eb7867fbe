package vn.da06.bench.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vn.da06.bench.Figure;

/** The figures of the dashboard bench come from wrk's printed report; this is how it is read. */
class WrkResultTest {
  static final String REPORT =
      """
      Running 20s test @ http://127.0.0.1:41234/
        2 threads and 64 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency     6.10ms    3.20ms  80.12ms   91.00%
          Req/Sec     5.30k   410.00     6.10k    70.00%
        Latency Distribution
           50%  850.00us
           75%    7.00ms
           90%    9.50ms
           99%    1.20s
        211234 requests in 20.00s, 150.20MB read
        Socket errors: connect 0, read 2, write 0, timeout 1
        Non-2xx or 3xx responses: 4
      Requests/sec:  10561.70
      Transfer/sec:      7.51MB
      """;

  @Test
  void readsThroughputPercentilesInMillisecondsAndEveryKindOfError() {
    WrkResult result = WrkResult.parse(REPORT);
    assertThat(result.requestsPerSecond()).isEqualTo(10561.70);
    assertThat(result.p50Millis()).isEqualTo(0.85);
    assertThat(result.p99Millis()).isEqualTo(1200.0);
    assertThat(result.requests()).isEqualTo(211234);
    assertThat(result.errors()).isEqualTo(7);
  }

  @Test
  void aReportWithoutErrorsHasNone() {
    String clean = REPORT.replaceAll("(?m)^.*(Socket errors|Non-2xx).*\n", "");
    assertThat(clean).doesNotContain("Socket errors", "Non-2xx");
    assertThat(WrkResult.parse(clean).errors()).isZero();
  }

  @Test
  void somethingElseIsAClearError() {
    assertThatThrownBy(() -> WrkResult.parse("wrk: command not found"))
        .hasMessageStartingWith("Cannot read wrk's output: no 'Requests/sec'");
    assertThatThrownBy(
            () -> WrkResult.parse(REPORT.replace("Latency Distribution", "").replace("99%", "")))
        .hasMessageContaining("no 99% line");
  }

  @Test
  void aFigureIsOneJsonObjectWithItsGoal() {
    Figure figure = new Figure("kpi_api_p99", 12.3456, "ms", null, null, "< 25 ms", true);
    assertThat(figure.json())
        .containsEntry("name", "kpi_api_p99")
        .containsEntry("value", 12.346)
        .containsEntry("met", true)
        .containsKeys("reference", "ratio", "goal", "unit");
    assertThat(figure.text()).contains("goal < 25 ms: met");
    assertThat(new Figure("cold_start", 4.2, "s", null, null, "< 3 s", false).text())
        .contains("NOT met");
  }
}
