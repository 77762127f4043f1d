package dev.servebench.experiment;

import dev.servebench.eval.TaskResult;

import java.util.List;

/** Asks an accuracy check's tasks of the server as it stands, in one condition (over HTTP in the CLI). */
@FunctionalInterface
public interface AccuracyCheck {
    List<TaskResult> run(String condition);
}
