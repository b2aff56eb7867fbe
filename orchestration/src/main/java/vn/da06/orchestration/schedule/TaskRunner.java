package vn.da06.orchestration.schedule;

import java.util.List;

/** Runs one task's main class with its rendered arguments; returns the exit code (0 = success). */
@FunctionalInterface
public interface TaskRunner {
  int run(TaskDefinition task, List<String> args) throws Exception;
}
