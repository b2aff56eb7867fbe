package vn.da06.bench.dashboard;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one {@code wrk --latency} run printed: requests per second, the 50th and 99th latency
 * percentiles, and the failed requests (responses with a status of 400 or more, plus
 * connect/read/write/timeout errors).
 *
 * @param requestsPerSecond wrk's "Requests/sec"
 * @param p50Millis the 50 % line of "Latency Distribution", in milliseconds
 * @param p99Millis the 99 % line, in milliseconds
 * @param requests total requests completed
 * @param errors non-2xx/3xx responses plus socket errors
 */
public record WrkResult(
    double requestsPerSecond, double p50Millis, double p99Millis, long requests, long errors) {
  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern SOCKET =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  public WrkResult {
    if (requestsPerSecond < 0 || requests < 0 || errors < 0) {
      throw new IllegalArgumentException("Cannot keep a wrk result with negative figures");
    }
  }

  /** Parses the text {@code wrk --latency} prints; a clear error when it is not that. */
  public static WrkResult parse(String output) {
    Matcher rps = RPS.matcher(output);
    Matcher requests = REQUESTS.matcher(output);
    if (!rps.find() || !requests.find()) {
      throw new IllegalArgumentException(
          "Cannot read wrk's output: no 'Requests/sec' or 'N requests in' line"
              + " (run wrk with --latency and look at its output):\n"
              + output);
    }
    long errors = 0;
    Matcher non2xx = NON_2XX.matcher(output);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    Matcher socket = SOCKET.matcher(output);
    if (socket.find()) {
      for (int i = 1; i <= 4; i++) {
        errors += Long.parseLong(socket.group(i));
      }
    }
    return new WrkResult(
        Double.parseDouble(rps.group(1)),
        percentile(output, "50"),
        percentile(output, "99"),
        Long.parseLong(requests.group(1)),
        errors);
  }

  private static double percentile(String output, String percent) {
    Matcher line =
        Pattern.compile("\\n\\s+" + percent + "(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\b")
            .matcher(output);
    if (!line.find()) {
      throw new IllegalArgumentException(
          "Cannot read wrk's output: no "
              + percent
              + "% line in its Latency Distribution (run wrk with --latency)");
    }
    double value = Double.parseDouble(line.group(1));
    return switch (line.group(2)) {
      case "us" -> value / 1000;
      case "s" -> value * 1000;
      default -> value;
    };
  }
}
