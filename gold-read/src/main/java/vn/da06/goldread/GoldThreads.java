package vn.da06.goldread;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a {@link DeltaKpiStore} runs on, made and shut down by the entry point that makes the
 * store (the server's command, a test, the bench), never by the store itself.
 *
 * @param poll runs the poll of the tables' Delta versions
 * @param tables reads the two ward-month tables side by side (they dominate a load)
 * @param rest reads, at a first start, the months before the latest one (tests hold it)
 * @param background reads and writes the snapshot file and computes the province figures
 */
public record GoldThreads(
    ScheduledExecutorService poll, ExecutorService tables, Executor rest, Executor background)
    implements AutoCloseable {

  public GoldThreads {
    requireNonNull(poll, "poll is null");
    requireNonNull(tables, "tables is null");
    requireNonNull(rest, "rest is null");
    requireNonNull(background, "background is null");
  }

  /**
   * Daemon threads: a stopped server's JVM exits without waiting for a poll or a snapshot write.
   */
  public static GoldThreads daemons() {
    ExecutorService background = Executors.newCachedThreadPool(daemon("gold-background"));
    return new GoldThreads(
        Executors.newSingleThreadScheduledExecutor(daemon("gold-poll")),
        Executors.newFixedThreadPool(2, daemon("gold-read")),
        background,
        background);
  }

  /** These threads, but the read of the months before the latest on {@code rest}. */
  public GoldThreads withRest(Executor rest) {
    return new GoldThreads(poll, tables, rest, background);
  }

  /**
   * Stops the poll at once; the reads and a snapshot write under way finish (on daemon threads:
   * they do not keep the JVM up), nothing new starts.
   */
  @Override
  public void close() {
    poll.shutdownNow();
    for (Executor executor : new Executor[] {tables, rest, background}) {
      if (executor instanceof ExecutorService service) {
        service.shutdown();
      }
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
