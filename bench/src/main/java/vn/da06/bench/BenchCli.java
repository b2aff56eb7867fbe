package vn.da06.bench;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.da06.bench.pipeline.AnomalyBench;
import vn.da06.bench.pipeline.DqBench;
import vn.da06.bench.pipeline.GoldBench;
import vn.da06.bench.pipeline.IncrementalBench;
import vn.da06.bench.pipeline.PipelineBench;
import vn.da06.bench.pipeline.ScaleBench;
import vn.da06.bench.trino.TrinoBench;
import vn.da06.jobs.ingest.PipelineInputException;
import vn.da06.warehouse.admin.AdminUnitsLoadException;

/**
 * {@code ./da06 bench}: the benchmarks of BENCHMARKS.md. The script runs {@code bench dashboard}
 * (gold, then the server under wrk) and {@code bench all} (every bench, then BENCHMARKS.md
 * rewritten) itself; every other bench is a subcommand here.
 */
@Command(
    name = "da06 bench",
    mixinStandardHelpOptions = true,
    version = "da06 0.1",
    description = "Measure the pipeline (see BENCHMARKS.md).",
    footer = {
      "",
      "Also: ./da06 bench dashboard (the server under wrk), ./da06 bench all (every bench, then"
          + " BENCHMARKS.md rewritten)."
    },
    subcommands = {
      PipelineBench.class,
      ScaleBench.class,
      GoldBench.class,
      IncrementalBench.class,
      DqBench.class,
      TrinoBench.class,
      AnomalyBench.class
    })
public final class BenchCli implements Callable<Integer> {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    // ./da06 passes its own first word along.
    String[] rest =
        args.length > 0 && args[0].equals("bench")
            ? Arrays.copyOfRange(args, 1, args.length)
            : args;
    CommandLine commandLine = new CommandLine(new BenchCli());
    commandLine.setExecutionExceptionHandler(
        (exception, line, parsed) -> {
          // What a Trino server says when it cannot start or sync is for people, as in ./da06
          // trino.
          if (line.getCommand() instanceof TrinoBench
              && (exception instanceof IllegalStateException
                  || exception instanceof UncheckedIOException)) {
            line.getErr().println("da06: " + exception.getMessage());
            return 2;
          }
          Throwable cause = exception;
          while (cause != null) {
            if (cause instanceof PipelineInputException
                || cause instanceof IllegalArgumentException
                || cause instanceof AdminUnitsLoadException) {
              line.getErr().println("da06: " + cause.getMessage());
              return 2;
            }
            cause = cause.getCause();
          }
          throw exception;
        });
    return commandLine.execute(rest);
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 0;
  }
}
