package dev.servebench.store;

import dev.servebench.json.Json;
import dev.servebench.results.ResultsFolder;
import dev.servebench.results.SummaryDocument;
import dev.servebench.results.ToolInfo;
import dev.servebench.BadInputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelMetrics;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.TargetInfo;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The results database: every run (bench, predict, experiment) with its configuration, target,
 * environment, per-level aggregates and a pointer to its raw requests.jsonl; every experiment and plan
 * with its parameters and analysis; every accuracy check with its tasks' accuracies. SQLite by default,
 * PostgreSQL for teams; one schema, migrated by Flyway from {@code db/migration} on open.
 * Thread-safe: one connection, every method synchronized (writes are a few rows per level).
 * Every write waits out another connection's lock for a bounded time ({@link WriteRetry}), then
 * throws; a run's results folder stays its primary record, and {@link #importFolder} adds a folder
 * whose run the database missed.
 */
public final class RunStore implements AutoCloseable {

    /** SQLite's primary result codes (sqlite-jdbc reports the primary code as the error code). */
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    /** PostgreSQL: serialization_failure, deadlock_detected, lock_not_available. */
    private static final Set<String> POSTGRES_LOCK_STATES = Set.of("40001", "40P01", "55P03");

    private static final ObjectReader METRICS = Json.mapper().readerFor(LevelMetrics.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    // Flyway logs every migration step at INFO through java.util.logging; on a CLI that is noise on
    // stderr. Held in a field because JUL keeps loggers weakly and would forget the level.
    private static final java.util.logging.Logger FLYWAY_LOG = quietFlyway();

    private final DatabaseLocation location;
    private final Connection connection;
    private final RunLiveness liveness;
    private final WriteRetry retry;
    /** Why there is no connection (the database was locked at the start); null when there is one. */
    private final String unavailable;

    private RunStore(DatabaseLocation location, Connection connection, RunLiveness liveness, WriteRetry retry,
                     String unavailable) {
        this.location = location;
        this.connection = connection;
        this.liveness = liveness;
        this.retry = retry;
        this.unavailable = unavailable;
    }

    private static java.util.logging.Logger quietFlyway() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("org.flywaydb");
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    /** Opens (creating and migrating as needed) the database; writes wait out locks as {@link WriteRetry#DEFAULT}. */
    public static RunStore open(DatabaseLocation location) {
        return open(location, WriteRetry.DEFAULT);
    }

    /** The same, with its own patience for locks (tests make it short). */
    public static RunStore open(DatabaseLocation location, WriteRetry retry) {
        return open(location, retry, note -> { });
    }

    /**
     * Opens the database, waiting out another connection's lock (or another process creating the
     * schema) for {@code retry}'s budget, as a write does. {@code busy} hears once, as the waiting
     * starts, that the database is busy. A database still locked after that is returned unavailable
     * ({@link #available()}): every use throws {@link DatabaseBusyException}, which a run's recorder
     * keeps as its one-line failure, so the run is benchmarked anyway and {@code runs import} records
     * it from its results folder later, as after a lock met mid-run.
     */
    public static RunStore open(DatabaseLocation location, WriteRetry retry, Consumer<String> busy) {
        location.prepare();
        long startedNanos = System.nanoTime();
        long deadlineNanos = startedNanos + retry.total().toNanos();
        long pauseNanos = WriteRetry.FIRST_PAUSE.toNanos();
        boolean announced = false;
        while (true) {
            Optional<String> contention = migrate(location, retry);
            if (contention.isEmpty()) {
                break;
            }
            if (!announced) {
                announced = true;
                busy.accept(String.format(Locale.ROOT, "the results database %s is busy (another process holds its"
                        + " lock: %s); waiting up to %d s for it, then going on without it (servebench runs import"
                        + " records a run from its results folder later)", location.display(), contention.get(),
                        retry.total().toSeconds()));
            }
            long now = System.nanoTime();
            if (now + pauseNanos > deadlineNanos) {
                return new RunStore(location, null, RunLiveness.here(), retry,
                        String.format(Locale.ROOT, "the results database %s was still locked by another process "
                                + "%.1f s after the start (%s)", location.display(), (now - startedNanos) / 1e9,
                                contention.get()));
            }
            try {
                TimeUnit.NANOSECONDS.sleep(pauseNanos);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return new RunStore(location, null, RunLiveness.here(), retry, "the results database "
                        + location.display() + " was locked, and the wait for it was interrupted");
            }
            pauseNanos = Math.min(pauseNanos * 2, WriteRetry.MAX_PAUSE.toNanos());
        }
        try {
            Properties props = new Properties();
            // Several servebench processes may share one SQLite file (an experiment and a bench):
            // wait for the other's write lock instead of failing at once. Ignored by PostgreSQL.
            props.setProperty("busy_timeout", Long.toString(retry.perStatement().toMillis()));
            Connection connection = DriverManager.getConnection(location.jdbcUrl(), props);
            if (!location.isSqlite()) {
                // PostgreSQL waits for a lock forever by default, which would stall the run instead;
                // with this a held lock fails the statement (55P03) and the write retries within its budget.
                try (Statement st = connection.createStatement()) {
                    st.execute("SET lock_timeout = " + retry.perStatement().toMillis());
                } catch (SQLException e) {
                    connection.close();
                    throw e;
                }
            }
            return new RunStore(location, connection, RunLiveness.here(), retry, null);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the results database " + location.display() + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    /**
     * Creates or migrates the schema once; returns the lock error when another connection holds the
     * lock or is creating the same schema (worth another try: its tables are there next time).
     */
    private static Optional<String> migrate(DatabaseLocation location, WriteRetry retry) {
        Optional<String> locked = sqliteWriteLockHeld(location, retry);
        if (locked.isPresent()) {
            return locked;
        }
        try {
            org.flywaydb.core.api.configuration.FluentConfiguration flyway = Flyway.configure();
            if (location.isSqlite()) {
                flyway.dataSource(sqliteDataSource(location, retry));
            } else {
                flyway.dataSource(location.jdbcUrl(), null, null);
            }
            flyway.locations("classpath:db/migration")
                    // Flyway's own wait for its lock is fifty one-second tries per step; ours is bounded above.
                    .lockRetryCount(0)
                    .load()
                    .migrate();
            return Optional.empty();
        } catch (FlywayException e) {
            String root = rootMessage(e);
            if (root.contains("SQLITE_NOTADB") || root.contains("file is not a database")) {
                throw new BadInputException("--db " + location.display() + " is not a SQLite database; give "
                        + "a new file name or an existing servebench database (--no-db runs without one)");
            }
            if (root.contains("SQLITE_BUSY") || root.contains("SQLITE_LOCKED") || root.contains("database is locked")
                    || isLockContention(location, e)) {
                return Optional.of(firstLine(root));
            }
            // Two processes creating a new database at once: the slower one finds the table the faster
            // one just made. The next try sees the other's schema and migrations and has nothing to do.
            if (root.contains("already exists")) {
                return Optional.of("another process is creating its schema: " + firstLine(root));
            }
            throw new IllegalStateException("cannot prepare the results database " + location.display() + ": "
                    + firstLine(root), e);
        }
    }

    /**
     * On SQLite, whether another connection holds the write lock: tried with BEGIN IMMEDIATE, which
     * waits one statement's busy timeout. Asked before Flyway because Flyway, meeting a held lock,
     * waits it out statement after statement (over a minute) where this answers in {@code perStatement}.
     */
    private static Optional<String> sqliteWriteLockHeld(DatabaseLocation location, WriteRetry retry) {
        if (!location.isSqlite()) {
            return Optional.empty();
        }
        try (Connection probe = sqliteDataSource(location, retry).getConnection();
             Statement st = probe.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            st.execute("ROLLBACK");
            return Optional.empty();
        } catch (SQLException e) {
            if (isLockContention(location, e)) {
                return Optional.of(firstLine(e.getMessage()));
            }
            // Anything else (not a database, no permission) is Flyway's to report, as before.
            return Optional.empty();
        }
    }

    /** Flyway's connections wait for a lock only as long as one statement of ours would. */
    private static javax.sql.DataSource sqliteDataSource(DatabaseLocation location, WriteRetry retry) {
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, retry.perStatement().toMillis()));
        org.sqlite.SQLiteDataSource sqlite = new org.sqlite.SQLiteDataSource(config);
        sqlite.setUrl(location.jdbcUrl());
        return sqlite;
    }

    /**
     * Whether the database could be opened: false when another process still held its lock at the
     * end of {@link #open}'s wait; then every use throws {@link DatabaseBusyException}.
     */
    public boolean available() {
        return unavailable == null;
    }

    /** The connection; a database that was locked at the start has none, and says why. */
    private Connection connection() {
        if (unavailable != null) {
            throw new DatabaseBusyException(unavailable);
        }
        return connection;
    }

    public DatabaseLocation location() {
        return location;
    }

    /**
     * Records a run's start; returns its id. Levels follow with {@link #addLevel}.
     *
     * @param process the process recording the run on {@code tool}'s host, normally {@link RecordingProcess#current()}
     */
    public synchronized String startRun(RunContext context, TargetInfo target, BenchmarkConfig config, ToolInfo tool,
                                        RecordingProcess process, long startEpochMillis) {
        String id = RunIds.run(startEpochMillis);
        startRun(id, context, target, config, tool, process, startEpochMillis);
        return id;
    }

    /** The same under an id the caller made with {@link RunIds#run}, so it knows the id even if this throws. */
    synchronized void startRun(String id, RunContext context, TargetInfo target, BenchmarkConfig config, ToolInfo tool,
                               RecordingProcess process, long startEpochMillis) {
        String configJson = json(config);
        write("record the start of a run", () -> {
            insertRun(id, context, target, configJson, tool, Optional.of(process), startEpochMillis);
            return null;
        });
    }

    private void insertRun(String id, RunContext context, TargetInfo target, String configJson, ToolInfo tool,
                           Optional<RecordingProcess> process, long startEpochMillis) throws SQLException {
        String sql = "INSERT INTO runs (id, kind, status, started_ms, target_name, target_url, model, client_version,"
                + " java_version, host, environment_json, config_json, requests_file, experiment_id, group_label,"
                + " run_index, process_id, process_started_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement st = connection().prepareStatement(sql)) {
            st.setString(1, id);
            st.setString(2, context.kind().dbName());
            st.setString(3, RunStatus.RUNNING.dbName());
            st.setLong(4, startEpochMillis);
            st.setString(5, target.name());
            st.setString(6, target.url());
            st.setString(7, target.model());
            st.setString(8, tool.version());
            st.setString(9, tool.javaVersion());
            st.setString(10, tool.host());
            st.setString(11, json(tool));
            st.setString(12, configJson);
            setNullableString(st, 13, context.requestsFile().map(p -> p.toAbsolutePath().toString()));
            setNullableString(st, 14, context.experiment().map(StoredRun.Membership::experimentId));
            setNullableString(st, 15, context.experiment().map(StoredRun.Membership::group));
            if (context.experiment().isPresent()) {
                st.setInt(16, context.experiment().get().index());
            } else {
                st.setNull(16, Types.INTEGER);
            }
            if (process.isPresent()) {
                st.setLong(17, process.get().pid());
                setNullableLong(st, 18, process.get().startedEpochMillis());
            } else {
                st.setNull(17, Types.BIGINT);
                st.setNull(18, Types.BIGINT);
            }
            st.executeUpdate();
        }
    }

    public synchronized void addLevel(String runId, int position, LevelResult result) {
        SummaryDocument.Level level = SummaryDocument.Level.of(result);
        write("record a level of run " + runId, () -> {
            insertLevel(runId, position, level);
            return null;
        });
    }

    /** A level row from the level as summary.json holds it: the live run and an import write the same row. */
    private void insertLevel(String runId, int position, SummaryDocument.Level level) throws SQLException {
        LevelMetrics m = level.metrics();
        String sql = "INSERT INTO run_levels (run_id, position, phase, name, concurrency, status, requests,"
                + " valid_requests, success_rate, total_tokens_per_s, output_tokens_per_s, requests_per_s,"
                + " latency_p50_s, latency_p99_s, ttft_p99_ms, tpot_p99_ms, metrics_json)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement st = connection().prepareStatement(sql)) {
            st.setString(1, runId);
            st.setInt(2, position);
            st.setString(3, level.phase());
            st.setString(4, level.name());
            st.setInt(5, level.concurrency());
            st.setString(6, level.status());
            st.setInt(7, m.requests());
            st.setInt(8, m.validRequests());
            setDouble(st, 9, m.successRate());
            setDouble(st, 10, m.totalTokensPerSecond());
            setDouble(st, 11, m.outputTokensPerSecond());
            setDouble(st, 12, m.requestsPerSecond());
            setNullableDouble(st, 13, m.latencySeconds().p50());
            setNullableDouble(st, 14, m.latencySeconds().p99());
            setNullableDouble(st, 15, m.ttftMillis().p99());
            setNullableDouble(st, 16, m.tpotMillis().p99());
            st.setString(17, json(m));
            st.executeUpdate();
        }
    }

    /**
     * Marks a run ended: complete when every planned level ran, partial otherwise. Overwrites
     * "interrupted" too: a process that finishes its run was alive after all, and has the last word.
     */
    public synchronized void finishRun(String runId, boolean complete, long finishedEpochMillis) {
        write("record the end of run " + runId, () -> {
            updateEnd(runId, complete, finishedEpochMillis);
            return null;
        });
    }

    private void updateEnd(String runId, boolean complete, long finishedEpochMillis) throws SQLException {
        try (PreparedStatement st = connection().prepareStatement(
                "UPDATE runs SET status = ?, finished_ms = ? WHERE id = ?")) {
            st.setString(1, (complete ? RunStatus.COMPLETE : RunStatus.PARTIAL).dbName());
            st.setLong(2, finishedEpochMillis);
            st.setString(3, runId);
            st.executeUpdate();
        }
    }

    public synchronized String createExperiment(String kind, Object params, long createdEpochMillis) {
        String id = RunIds.experiment(createdEpochMillis);
        String paramsJson = json(params);
        return write("record an experiment", () -> {
            try (PreparedStatement st = connection().prepareStatement(
                    "INSERT INTO experiments (id, kind, status, created_ms, params_json) VALUES (?, ?, ?, ?, ?)")) {
                st.setString(1, id);
                st.setString(2, kind);
                st.setString(3, ExperimentStatus.RUNNING.dbName());
                st.setLong(4, createdEpochMillis);
                st.setString(5, paramsJson);
                st.executeUpdate();
                return id;
            }
        });
    }

    /** Records how an experiment ended and, when it completed, its analysis. */
    public synchronized void finishExperiment(String id, ExperimentStatus status, Object result) {
        Optional<String> resultJson = Optional.ofNullable(result).map(RunStore::json);
        write("record the end of experiment " + id, () -> {
            try (PreparedStatement st = connection().prepareStatement(
                    "UPDATE experiments SET status = ?, result_json = ? WHERE id = ?")) {
                st.setString(1, status.dbName());
                setNullableString(st, 2, resultJson);
                st.setString(3, id);
                st.executeUpdate();
                return null;
            }
        });
    }

    /** A new id for an accuracy check ({@code e20251123-101530-3fa2}), for {@link #recordEval}. */
    public static String newEvalId(long createdEpochMillis) {
        return RunIds.eval(createdEpochMillis);
    }

    /** Records the tasks of one accuracy check, in one transaction. */
    public synchronized void recordEval(List<StoredEval> tasks) {
        write("record an accuracy check", () -> transaction(() -> {
            try (PreparedStatement st = connection().prepareStatement("INSERT INTO eval_results (eval_id, task, "
                    + "created_ms, experiment_id, condition_label, target_url, model, task_format, task_file, items, "
                    + "correct, failed_requests, accuracy, ci95_low, ci95_high, results_folder) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (StoredEval e : tasks) {
                    st.setString(1, e.evalId());
                    st.setString(2, e.task());
                    st.setLong(3, e.createdEpochMillis());
                    setNullableString(st, 4, e.experimentId());
                    setNullableString(st, 5, e.condition());
                    st.setString(6, e.targetUrl());
                    st.setString(7, e.model());
                    st.setString(8, e.taskFormat());
                    st.setString(9, e.taskFile());
                    st.setInt(10, e.items());
                    st.setInt(11, e.correct());
                    st.setInt(12, e.failedRequests());
                    setDouble(st, 13, e.accuracy());
                    setDouble(st, 14, e.ci95Low());
                    setDouble(st, 15, e.ci95High());
                    st.setString(16, e.resultsFolder());
                    st.executeUpdate();
                }
                return null;
            }
        }));
    }

    /** The tasks of an accuracy check, or of every check of an experiment, in the order they were recorded. */
    public synchronized List<StoredEval> evals(String evalOrExperimentId) {
        List<StoredEval> out = new ArrayList<>();
        try (PreparedStatement st = connection().prepareStatement("SELECT * FROM eval_results WHERE eval_id = ? "
                + "OR experiment_id = ? ORDER BY created_ms, eval_id, task")) {
            st.setString(1, evalOrExperimentId);
            st.setString(2, evalOrExperimentId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(eval(rs));
                }
            }
        } catch (SQLException e) {
            throw failure("read accuracy checks of " + evalOrExperimentId, e);
        }
        return out;
    }

    private static StoredEval eval(ResultSet rs) throws SQLException {
        return new StoredEval(rs.getString("eval_id"), rs.getString("task"), rs.getLong("created_ms"),
                Optional.ofNullable(rs.getString("experiment_id")),
                Optional.ofNullable(rs.getString("condition_label")), rs.getString("target_url"),
                rs.getString("model"), rs.getString("task_format"), rs.getString("task_file"),
                rs.getInt("items"), rs.getInt("correct"), rs.getInt("failed_requests"),
                rs.getDouble("accuracy"), rs.getDouble("ci95_low"), rs.getDouble("ci95_high"),
                rs.getString("results_folder"));
    }

    /** The accuracy check with this id or unique id prefix ({@code e20251123-101530-3fa2}). */
    public synchronized Optional<StoredEvalCheck> findEvalCheck(String idOrPrefix) {
        List<String> ids = idsLike("eval_results", "eval_id", idOrPrefix);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        try (PreparedStatement st = connection().prepareStatement(
                "SELECT * FROM eval_results WHERE eval_id = ? ORDER BY task")) {
            st.setString(1, ids.getFirst());
            List<StoredEval> tasks = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    tasks.add(eval(rs));
                }
            }
            return Optional.of(new StoredEvalCheck(ids.getFirst(), tasks));
        } catch (SQLException e) {
            throw failure("read accuracy check " + idOrPrefix, e);
        }
    }

    /**
     * Accuracy checks matching the filter, newest first: none unless the kind is unset or eval. The
     * experiment filter keeps an ablation's checks; model and target are the check's own.
     */
    public synchronized List<StoredEvalCheck> evalChecks(RunFilter filter) {
        if (filter.kind().isPresent() && filter.kind().get() != RunKind.EVAL) {
            return List.of();
        }
        FilterClause where = FilterClause.of(filter, new FilterClause.Columns("model", List.of("target_url"),
                "created_ms", "experiment_id"));
        StringBuilder sql = new StringBuilder("SELECT * FROM eval_results WHERE 1 = 1").append(where.sql());
        List<Object> args = new ArrayList<>(where.args());
        sql.append(" ORDER BY created_ms DESC, eval_id DESC, task");
        // Rows of one check are adjacent in this order; grouped here, cut at the limit in checks, not rows.
        java.util.LinkedHashMap<String, List<StoredEval>> checks = new java.util.LinkedHashMap<>();
        try (PreparedStatement st = connection().prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                st.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    StoredEval e = eval(rs);
                    if (!checks.containsKey(e.evalId()) && checks.size() >= filter.limit()) {
                        break;
                    }
                    checks.computeIfAbsent(e.evalId(), k -> new ArrayList<>()).add(e);
                }
            }
        } catch (SQLException e) {
            throw failure("list accuracy checks", e);
        }
        return checks.entrySet().stream().map(c -> new StoredEvalCheck(c.getKey(), c.getValue())).toList();
    }

    /**
     * Experiments and plans matching the filter, newest first: kind experiment keeps the experiments,
     * plan the plans, any other kind neither. The experiment filter keeps that one; model and target
     * match text anywhere in its parameters (an experiment's targets are there, in its own shape).
     */
    public synchronized List<StoredExperiment> experiments(RunFilter filter) {
        if (filter.kind().isPresent() && filter.kind().get() != RunKind.EXPERIMENT
                && filter.kind().get() != RunKind.PLAN) {
            return List.of();
        }
        // Model and target live in an experiment's parameters: matched below, as text, not by a column.
        FilterClause where = FilterClause.of(filter, new FilterClause.Columns(null, List.of(), "created_ms", "id"));
        StringBuilder sql = new StringBuilder("SELECT * FROM experiments WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        filter.kind().ifPresent(k -> {
            sql.append(k == RunKind.PLAN ? " AND kind = ?" : " AND kind <> ?");
            args.add(StoredExperiment.PLAN_KIND);
        });
        sql.append(where.sql());
        args.addAll(where.args());
        sql.append(" ORDER BY created_ms DESC, id DESC");
        List<StoredExperiment> out = new ArrayList<>();
        try (PreparedStatement st = connection().prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                st.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next() && out.size() < filter.limit()) {
                    StoredExperiment x = experiment(rs);
                    String params = x.paramsJson().toLowerCase(Locale.ROOT);
                    if (filter.model().map(m -> params.contains(m.toLowerCase(Locale.ROOT))).orElse(true)
                            && filter.target().map(t -> params.contains(t.toLowerCase(Locale.ROOT))).orElse(true)) {
                        out.add(x);
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("list experiments", e);
        }
        return out;
    }

    private static StoredExperiment experiment(ResultSet rs) throws SQLException {
        return new StoredExperiment(rs.getString("id"), rs.getString("kind"), rs.getString("status"),
                rs.getLong("created_ms"), rs.getString("params_json"), Optional.ofNullable(rs.getString("result_json")));
    }

    /**
     * Records a results folder whose run this database missed (it was locked or unreachable, or the
     * run used --no-db) as the run itself would have recorded it: the same run row, one level row per
     * level of summary.json, then its end. When the database already holds the run of this folder,
     * recorded live but cut short, that record is completed in place and keeps its id. A folder
     * recorded in full, by its run or an earlier import, is refused. One transaction: an import that
     * fails leaves nothing behind, and can simply be run again.
     *
     * @param kind what produced the folder (a summary does not say): bench or predict; a record completed
     *             in place keeps the kind it was recorded with
     */
    public synchronized ImportedRun importFolder(Path folder, RunKind kind) {
        FolderRun run = FolderRun.read(folder);
        return write("import " + folder, () -> transaction(() -> importRun(run, kind)));
    }

    private ImportedRun importRun(FolderRun run, RunKind kind) throws SQLException {
        RunStatus status = run.complete() ? RunStatus.COMPLETE : RunStatus.PARTIAL;
        Optional<StoredRun> imported = load(run.importId());
        if (imported.isPresent()) {
            throw new BadInputException(run.folder() + " was already imported into " + location.display()
                    + " as run " + imported.get().id() + "; not importing it twice");
        }
        Optional<StoredRun> live = liveRecordOf(run);
        if (live.isEmpty()) {
            String id = run.importId();
            insertRun(id, new RunContext(kind, Optional.of(run.requestsFile()), Optional.empty()), run.target(),
                    run.configJson(), run.tool(), Optional.empty(), run.startedEpochMillis());
            for (int i = 0; i < run.levels().size(); i++) {
                insertLevel(id, i + 1, run.levels().get(i));
            }
            updateEnd(id, run.complete(), run.finishedEpochMillis());
            return new ImportedRun(id, false, run.levels().size(), run.levels().size(), status,
                    run.tornRequestLines());
        }
        StoredRun recorded = checkedForInterruption(live.get());
        if (recorded.status() == RunStatus.RUNNING) {
            throw new BadInputException(run.folder() + " belongs to run " + recorded.id()
                    + ", which is still being recorded (status running); import the folder once that run has ended");
        }
        List<String> stored = recorded.levels().stream().map(StoredLevel::key).toList();
        List<String> summary = run.levels().stream().map(l -> l.phase() + " " + l.name()).toList();
        if (stored.size() > summary.size() || !summary.subList(0, stored.size()).equals(stored)) {
            throw new BadInputException(run.folder() + " and run " + recorded.id() + " recorded from it disagree ("
                    + stored.size() + " level(s) in " + location.display() + ", " + summary.size() + " in "
                    + ResultsFolder.SUMMARY_FILE + ", not the same ones); not importing");
        }
        if (stored.size() == summary.size() && recorded.status() == status
                && recorded.finishedEpochMillis().isPresent()) {
            throw new BadInputException(run.folder() + " is already recorded in " + location.display()
                    + " as run " + recorded.id() + " (" + status + ", " + stored.size() + " levels); not importing it twice");
        }
        int position = recorded.levels().isEmpty() ? 0 : recorded.levels().getLast().position();
        for (int i = stored.size(); i < summary.size(); i++) {
            insertLevel(recorded.id(), ++position, run.levels().get(i));
        }
        updateEnd(recorded.id(), run.complete(), run.finishedEpochMillis());
        return new ImportedRun(recorded.id(), true, summary.size() - stored.size(), summary.size(), status,
                run.tornRequestLines());
    }

    /**
     * The run recorded live into this database from the folder's run: the one that points at the
     * folder's requests.jsonl (one folder holds one run: {@link ResultsFolder} refuses a used one).
     */
    private Optional<StoredRun> liveRecordOf(FolderRun run) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement st = connection().prepareStatement("SELECT id, requests_file FROM runs"
                + " WHERE target_url = ? AND model = ? AND requests_file IS NOT NULL ORDER BY started_ms, id")) {
            st.setString(1, run.target().url());
            st.setString(2, run.target().model());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (FolderRun.sameFile(rs.getString("requests_file"), run.requestsFile())) {
                        ids.add(rs.getString("id"));
                    }
                }
            }
        }
        return ids.isEmpty() ? Optional.empty() : load(ids.getLast());
    }

    private Optional<StoredRun> load(String id) throws SQLException {
        try (PreparedStatement st = connection().prepareStatement("SELECT * FROM runs WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(run(rs)) : Optional.empty();
            }
        }
    }

    /** One database operation: a statement, or a {@link #transaction}. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /**
     * Runs a write, trying again while another connection holds the lock, until {@link #retry}'s
     * budget is spent; then, or on any other error, throws with the database's own first line.
     */
    private <T> T write(String what, SqlWork<T> work) {
        long startedNanos = System.nanoTime();
        long deadlineNanos = startedNanos + retry.total().toNanos();
        long pauseNanos = WriteRetry.FIRST_PAUSE.toNanos();
        for (int tries = 1; ; tries++) {
            try {
                return work.run();
            } catch (SQLException e) {
                if (!isLockContention(location, e)) {
                    throw failure(what, e);
                }
                long now = System.nanoTime();
                if (now + pauseNanos > deadlineNanos) {
                    throw new IllegalStateException(String.format(Locale.ROOT, "cannot %s in %s: %s (still locked after"
                                    + " %.1f s and %d tries)", what, location.display(), firstLine(e.getMessage()),
                            (now - startedNanos) / 1e9, tries), e);
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(pauseNanos);
                } catch (InterruptedException interrupted) {
                    // Asked to stop (Ctrl-C): give up now rather than keep the run waiting.
                    Thread.currentThread().interrupt();
                    throw failure(what, e);
                }
                pauseNanos = Math.min(pauseNanos * 2, WriteRetry.MAX_PAUSE.toNanos());
            }
        }
    }

    /** All of {@code work} or none of it; the connection is back in auto-commit afterwards. */
    private <T> T transaction(SqlWork<T> work) throws SQLException {
        connection().setAutoCommit(false);
        try {
            T out = work.run();
            connection().commit();
            return out;
        } catch (SQLException | RuntimeException e) {
            try {
                connection().rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            connection().setAutoCommit(true);
        }
    }

    /**
     * Another connection holds the lock: SQLITE_BUSY or SQLITE_LOCKED (any extended code), or on
     * PostgreSQL a serialization failure, a deadlock or a lock not available. Worth another try.
     */
    private static boolean isLockContention(DatabaseLocation location, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!(t instanceof SQLException sql)) {
                continue;
            }
            if (location.isSqlite()) {
                String message = sql.getMessage() == null ? "" : sql.getMessage();
                if (sql.getErrorCode() == SQLITE_BUSY || sql.getErrorCode() == SQLITE_LOCKED
                        || message.startsWith("[SQLITE_BUSY") || message.startsWith("[SQLITE_LOCKED")) {
                    return true;
                }
            } else if (sql.getSQLState() != null && POSTGRES_LOCK_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Runs matching the filter, newest first. */
    public synchronized List<StoredRun> list(RunFilter filter) {
        FilterClause where = FilterClause.of(filter, new FilterClause.Columns("model",
                List.of("target_name", "target_url"), "started_ms", "experiment_id"));
        StringBuilder sql = new StringBuilder("SELECT * FROM runs WHERE 1 = 1").append(where.sql());
        List<Object> args = new ArrayList<>(where.args());
        filter.kind().ifPresent(k -> {
            sql.append(" AND kind = ?");
            args.add(k.dbName());
        });
        sql.append(" ORDER BY started_ms DESC, id DESC");
        List<StoredRun> out = new ArrayList<>();
        try (PreparedStatement st = connection().prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                st.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next() && out.size() < filter.limit()) {
                    out.add(run(rs));
                }
            }
        } catch (SQLException e) {
            throw failure("list runs", e);
        }
        return out.stream().map(this::checkedForInterruption).toList();
    }

    /** The run with this id or unique id prefix. */
    public synchronized Optional<StoredRun> find(String idOrPrefix) {
        List<String> ids = idsLike("runs", idOrPrefix);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        try (PreparedStatement st = connection().prepareStatement("SELECT * FROM runs WHERE id = ?")) {
            st.setString(1, ids.getFirst());
            StoredRun run;
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                run = run(rs);
            }
            return Optional.of(checkedForInterruption(run));
        } catch (SQLException e) {
            throw failure("read run " + idOrPrefix, e);
        }
    }

    /**
     * A run still "running" whose process on this host is gone will never record its end: report it
     * as interrupted, and write that down so hosts that cannot check the process see it too. Its
     * levels and requests file stay as recorded.
     */
    private StoredRun checkedForInterruption(StoredRun run) {
        if (!liveness.isInterrupted(run)) {
            return run;
        }
        try (PreparedStatement st = connection().prepareStatement(
                "UPDATE runs SET status = ? WHERE id = ? AND status = ?")) {
            st.setString(1, RunStatus.INTERRUPTED.dbName());
            st.setString(2, run.id());
            st.setString(3, RunStatus.RUNNING.dbName());
            st.executeUpdate();
        } catch (SQLException e) {
            // Best effort: on a database this account may only read, the run is still reported as
            // interrupted here; it stays "running" in the database until a reader that may write sees it.
        }
        return run.withStatus(RunStatus.INTERRUPTED);
    }

    /** The experiment with this id or unique id prefix. */
    public synchronized Optional<StoredExperiment> findExperiment(String idOrPrefix) {
        List<String> ids = idsLike("experiments", idOrPrefix);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        try (PreparedStatement st = connection().prepareStatement("SELECT * FROM experiments WHERE id = ?")) {
            st.setString(1, ids.getFirst());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return Optional.of(experiment(rs));
            }
        } catch (SQLException e) {
            throw failure("read experiment " + idOrPrefix, e);
        }
    }

    /** An experiment's runs in the order they ran. */
    public List<StoredRun> runsOf(String experimentId) {
        return list(RunFilter.ALL.withExperiment(experimentId)).reversed();
    }

    private List<String> idsLike(String table, String idOrPrefix) {
        return idsLike(table, "id", idOrPrefix);
    }

    /** The distinct ids in {@code column}: eval_results holds one row per task under one eval id. */
    private List<String> idsLike(String table, String column, String idOrPrefix) {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement st = connection().prepareStatement("SELECT DISTINCT " + column + " FROM " + table
                + " WHERE " + column + " = ? OR " + column + " LIKE ? ORDER BY " + column)) {
            st.setString(1, idOrPrefix);
            st.setString(2, idOrPrefix.replace("%", "").replace("_", "") + "%");
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw failure("look up " + idOrPrefix, e);
        }
        if (ids.contains(idOrPrefix)) {
            return List.of(idOrPrefix);
        }
        if (ids.size() > 1) {
            throw new BadInputException("id prefix '" + idOrPrefix + "' matches " + ids.size() + " entries ("
                    + String.join(", ", ids.subList(0, Math.min(3, ids.size()))) + (ids.size() > 3 ? ", …" : "")
                    + "); give more of the id");
        }
        return ids;
    }

    private StoredRun run(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        OptionalLong finishedMillis = nullableLong(rs, "finished_ms");
        String experimentId = rs.getString("experiment_id");
        Optional<StoredRun.Membership> membership = experimentId == null ? Optional.empty()
                : Optional.of(new StoredRun.Membership(experimentId, rs.getString("group_label"),
                rs.getInt("run_index")));
        ToolInfo tool = read(rs.getString("environment_json"), ToolInfo.class);
        long pid = rs.getLong("process_id");
        Optional<RecordingProcess> process = rs.wasNull() ? Optional.empty()
                : Optional.of(new RecordingProcess(pid, nullableLong(rs, "process_started_ms")));
        return new StoredRun(id, RunKind.parse(rs.getString("kind")), RunStatus.parse(rs.getString("status")),
                rs.getLong("started_ms"), finishedMillis,
                new TargetInfo(rs.getString("target_name"), rs.getString("target_url"), rs.getString("model")),
                tool, process, rs.getString("config_json"), Optional.ofNullable(rs.getString("requests_file")),
                membership, levels(id));
    }

    private static OptionalLong nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private List<StoredLevel> levels(String runId) throws SQLException {
        List<StoredLevel> out = new ArrayList<>();
        try (PreparedStatement st = connection().prepareStatement(
                "SELECT position, phase, name, concurrency, status, metrics_json FROM run_levels WHERE run_id = ?"
                        + " ORDER BY position")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    LevelMetrics metrics;
                    try {
                        metrics = METRICS.readValue(rs.getString("metrics_json"));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("run " + runId + " has unreadable level metrics: "
                                + firstLine(e.getOriginalMessage()), e);
                    }
                    out.add(new StoredLevel(rs.getInt("position"), rs.getString("phase"), rs.getString("name"),
                            rs.getInt("concurrency"), rs.getString("status"), metrics));
                }
            }
        }
        return out;
    }

    private static <T> T read(String text, Class<T> type) {
        try {
            return Json.mapper().readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + " in the results database", e);
        }
    }

    static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private static void setNullableString(PreparedStatement st, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            st.setString(index, value.get());
        } else {
            st.setNull(index, Types.VARCHAR);
        }
    }

    private static void setNullableLong(PreparedStatement st, int index, OptionalLong value) throws SQLException {
        if (value.isPresent()) {
            st.setLong(index, value.getAsLong());
        } else {
            st.setNull(index, Types.BIGINT);
        }
    }

    // SQLite turns NaN into NULL while PostgreSQL keeps it; store "not measured" as NULL in both.
    private static void setNullableDouble(PreparedStatement st, int index, double value) throws SQLException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            st.setNull(index, Types.DOUBLE);
        } else {
            st.setDouble(index, value);
        }
    }

    private static void setDouble(PreparedStatement st, int index, double value) throws SQLException {
        st.setDouble(index, Double.isFinite(value) ? value : 0);
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + " in " + location.display() + ": "
                + firstLine(e.getMessage()), e);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    @Override
    public synchronized void close() {
        if (connection == null) {
            return;
        }
        try {
            connection().close();
        } catch (SQLException e) {
            throw failure("close the database", e);
        }
    }
}
