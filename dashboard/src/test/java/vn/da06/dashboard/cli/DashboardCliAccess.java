package vn.da06.dashboard.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import vn.da06.warehouse.Goals;

/** Package-private parts of the CLI the security suite drives. */
public final class DashboardCliAccess {
  private DashboardCliAccess() {}

  public static void checkTransport(
      String host,
      boolean secureCookies,
      boolean insecureHttp,
      PrintStream err,
      Path warehouse,
      Duration poll) {
    DashboardCli.ServeOptions options =
        new DashboardCli.ServeOptions(
            warehouse.toString(),
            host,
            7070,
            Path.of("users.yaml"),
            Path.of("audit.jsonl"),
            poll,
            secureCookies,
            null,
            Goals.DEFAULT,
            vn.da06.warehouse.Steering.DEFAULT,
            java.time.Clock.systemUTC(),
            Path.of("config/reports.yaml"),
            null,
            insecureHttp,
            DashboardCli.security(
                secureCookies, vn.da06.dashboard.web.DashboardApp.Settings.defaults()));
    DashboardCli.checkTransport(options, err);
  }
}
