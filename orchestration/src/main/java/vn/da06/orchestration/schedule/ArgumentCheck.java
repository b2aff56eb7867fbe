package vn.da06.orchestration.schedule;

import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Checks that a task's main class accepts its arguments by parsing them with the class's own
 * picocli command (parse only: nothing runs). Command classes whose constructors take a Clock, a
 * PrintStream or their parent command (the report CLI's) are built with a fixed clock, System.out
 * and the parent built before them.
 */
public final class ArgumentCheck {
  private ArgumentCheck() {}

  /**
   * Throws IllegalArgumentException naming the task and picocli's complaint if the arguments are
   * rejected.
   */
  public static CommandLine.ParseResult parse(
      String taskName, String mainClass, List<String> args) {
    Class<?> type;
    try {
      type = Class.forName(mainClass);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "Cannot schedule task "
              + taskName
              + ": its main class "
              + mainClass
              + " is not on the classpath (fix main_class in the pipeline definition)");
    }
    try {
      CommandLine.ParseResult result =
          new CommandLine(type, new Factory()).parseArgs(args.toArray(String[]::new));
      if (!result.hasSubcommand()) {
        throw new IllegalArgumentException(
            "Cannot schedule task "
                + taskName
                + ": its arguments "
                + args
                + " name no subcommand of "
                + mainClass
                + " (start the args with one, e.g. run)");
      }
      return result;
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(
          "Cannot schedule task "
              + taskName
              + ": "
              + mainClass
              + " rejects its arguments "
              + args
              + ": "
              + e.getMessage()
              + " (fix args in the pipeline definition)",
          e);
    } catch (CommandLine.InitializationException e) {
      throw new IllegalArgumentException(
          "Cannot schedule task "
              + taskName
              + ": "
              + mainClass
              + " is not a picocli command ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  private static final class Factory implements CommandLine.IFactory {
    private final Map<Class<?>, Object> created = new HashMap<>();

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (!type.isAnnotationPresent(CommandLine.Command.class)) {
        return CommandLine.defaultFactory().create(type);
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        Object[] values = new Object[constructor.getParameterCount()];
        boolean usable = true;
        Class<?>[] parameters = constructor.getParameterTypes();
        for (int i = 0; i < parameters.length && usable; i++) {
          if (parameters[i] == Clock.class) {
            values[i] = Clock.systemUTC();
          } else if (parameters[i] == PrintStream.class) {
            values[i] = System.out;
          } else if (created.containsKey(parameters[i])) {
            values[i] = created.get(parameters[i]);
          } else if (parameters[i] != type
              && parameters[i].isAnnotationPresent(CommandLine.Command.class)) {
            values[i] = create(parameters[i]); // the parent command a subcommand is built with
          } else {
            usable = false;
          }
        }
        if (usable) {
          constructor.setAccessible(true);
          K instance = type.cast(constructor.newInstance(values));
          created.put(type, instance);
          return instance;
        }
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
