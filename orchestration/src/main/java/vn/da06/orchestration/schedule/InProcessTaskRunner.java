package vn.da06.orchestration.schedule;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.List;

/**
 * Runs a task in this JVM through its main class's {@code public static int execute(Clock,
 * String...)} (given the scheduler's clock) or {@code public static int execute(String...)}: the
 * entry points that return an exit code instead of calling System.exit. One Spark session serves
 * every Spark task of the scheduler.
 */
public final class InProcessTaskRunner implements TaskRunner {
  private final Clock clock;

  public InProcessTaskRunner(Clock clock) {
    this.clock = clock;
  }

  @Override
  public int run(TaskDefinition task, List<String> args) throws Exception {
    Method method = entryPoint(task.mainClass());
    Object[] call =
        method.getParameterCount() == 2
            ? new Object[] {clock, args.toArray(String[]::new)}
            : new Object[] {args.toArray(String[]::new)};
    try {
      return (Integer) method.invoke(null, call);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** The in-process entry point of {@code mainClass}, or a clear error if it has none. */
  public static Method entryPoint(String mainClass) {
    Class<?> type;
    try {
      type = Class.forName(mainClass);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "Cannot run "
              + mainClass
              + ": no such class on the classpath (fix main_class in the pipeline definition)");
    }
    for (Class<?>[] signature :
        List.of(new Class<?>[] {Clock.class, String[].class}, new Class<?>[] {String[].class})) {
      try {
        Method method = type.getMethod("execute", signature);
        if (Modifier.isStatic(method.getModifiers()) && method.getReturnType() == int.class) {
          return method;
        }
      } catch (NoSuchMethodException e) {
        // try the next signature
      }
    }
    throw new IllegalArgumentException(
        "Cannot run "
            + mainClass
            + " in the scheduler: it has no public static int execute(Clock, String...)"
            + " or execute(String...) (add one that returns the exit code instead of calling System.exit)");
  }
}
