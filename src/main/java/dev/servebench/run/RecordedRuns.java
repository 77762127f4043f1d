package dev.servebench.run;

import dev.servebench.BadInputException;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.store.RunStore;
import dev.servebench.store.StoredEvalCheck;
import dev.servebench.store.StoredExperiment;
import dev.servebench.store.StoredRun;

import java.util.Optional;

/**
 * The results database opened for reading, and the one place the {@code runs} commands find a record by its id or a
 * unique prefix of it, or say clearly that there is none (and where to look for the ids that there are).
 */
final class RecordedRuns implements AutoCloseable {
    private final RunStore store;

    private RecordedRuns(RunStore store) {
        this.store = store;
    }

    static RecordedRuns open(DatabaseLocation database) {
        return new RecordedRuns(RunStore.open(database));
    }

    RunStore store() {
        return store;
    }

    /** The database, as messages name it. */
    String display() {
        return store.location().display();
    }

    /** One record of any kind; which kind it is decides what {@code runs show} says about it. */
    sealed interface Record {
    }

    record Run(StoredRun run) implements Record {
    }

    /** An experiment or a plan (a plan is recorded as an experiment of its own kind). */
    record Experiment(StoredExperiment experiment) implements Record {
    }

    record Eval(StoredEvalCheck check) implements Record {
    }

    /** The run, experiment, plan or accuracy check with this id or prefix. */
    Record record(String id) {
        // Each kind has its own table and its own id shape (RunIds: digits, x…, e…), so at most one
        // table holds an id or prefix; asking each in turn needs no second copy of the id rules here.
        Optional<StoredRun> run = store.find(id);
        if (run.isPresent()) {
            return new Run(run.get());
        }
        Optional<StoredExperiment> experiment = store.findExperiment(id);
        if (experiment.isPresent()) {
            return new Experiment(experiment.get());
        }
        return new Eval(store.findEvalCheck(id).orElseThrow(() -> new BadInputException("no run, experiment, plan or "
                + "eval with id '" + id + "' in " + display() + "; servebench runs list shows the ids recorded there")));
    }

    /** The run with this id or prefix. */
    StoredRun run(String id) {
        return store.find(id).orElseThrow(() -> new BadInputException("no run '" + id + "' in " + display()
                + "; see servebench runs list"));
    }

    /** The experiment with this id or prefix, for what is asked of an experiment's runs. */
    StoredExperiment experiment(String id) {
        return store.findExperiment(id).orElseThrow(() -> new BadInputException("no experiment '" + id + "' in "
                + display()));
    }

    /** The experiment or plan with this id or prefix, for what is asked of any of them. */
    StoredExperiment experimentOrPlan(String id) {
        return store.findExperiment(id).orElseThrow(() -> new BadInputException("no experiment or plan '" + id
                + "' in " + display() + "; servebench runs list --kind experiment shows them"));
    }

    @Override
    public void close() {
        store.close();
    }
}
