package dev.servebench.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.servebench.bench.BenchmarkConfig;
import dev.servebench.bench.LevelMetrics;
import dev.servebench.bench.LevelResult;
import dev.servebench.bench.TargetInfo;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * The results database: every run (bench, predict, experiment) with its configuration, target,
 * environment, per-level aggregates and a pointer to its raw requests.jsonl. SQLite by default,
 * PostgreSQL for teams; one schema, migrated by Flyway from {@code db/migration} on open.
 * Thread-safe: one connection, every method synchronized (writes are a few rows per level).
 */
public final class RunStore implements AutoCloseable {
    static final String RUNNING = "running";
    static final String COMPLETE = "complete";
    static final String PARTIAL = "partial";
    /** Never written by the run itself: its process ended while the run was still "running". */
    static final String INTERRUPTED = "interrupted";

    private static final ObjectReader METRICS = Json.mapper().readerFor(LevelMetrics.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    // Flyway logs every migration step at INFO through java.util.logging; on a CLI that is noise on
    // stderr. Held in a field because JUL keeps loggers weakly and would forget the level.
    private static final java.util.logging.Logger FLYWAY_LOG = quietFlyway();

    private final DatabaseLocation location;
    private final Connection connection;
    private final RunLiveness liveness;

    private RunStore(DatabaseLocation location, Connection connection, RunLiveness liveness) {
        this.location = location;
        this.connection = connection;
        this.liveness = liveness;
    }

    private static java.util.logging.Logger quietFlyway() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("org.flywaydb");
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /** Opens (creating and migrating as needed) the database. */
    public static RunStore open(DatabaseLocation location) {
        location.prepare();
        try {
            Flyway.configure()
                    .dataSource(location.jdbcUrl(), null, null)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException("cannot prepare the results database " + location.display() + ": "
                    + firstLine(e.getMessage()), e);
        }
        try {
            Properties props = new Properties();
            // Several servebench processes may share one SQLite file (an experiment and a bench):
            // wait for the other's write lock instead of failing at once.
            props.setProperty("busy_timeout", "30000");
            return new RunStore(location, DriverManager.getConnection(location.jdbcUrl(), props), RunLiveness.here());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the results database " + location.display() + ": "
                    + firstLine(e.getMessage()), e);
        }
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
        String sql = "INSERT INTO runs (id, kind, status, started_ms, target_name, target_url, model, client_version,"
                + " java_version, host, environment_json, config_json, requests_file, experiment_id, group_label,"
                + " run_index, process_id, process_started_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, id);
            st.setString(2, context.kind().dbName());
            st.setString(3, RUNNING);
            st.setLong(4, startEpochMillis);
            st.setString(5, target.name());
            st.setString(6, target.url());
            st.setString(7, target.model());
            st.setString(8, tool.version());
            st.setString(9, tool.javaVersion());
            st.setString(10, tool.host());
            st.setString(11, json(tool));
            st.setString(12, json(config));
            setNullableString(st, 13, context.requestsFile().map(p -> p.toAbsolutePath().toString()));
            setNullableString(st, 14, context.experiment().map(StoredRun.Membership::experimentId));
            setNullableString(st, 15, context.experiment().map(StoredRun.Membership::group));
            if (context.experiment().isPresent()) {
                st.setInt(16, context.experiment().get().index());
            } else {
                st.setNull(16, Types.INTEGER);
            }
            st.setLong(17, process.pid());
            setNullableLong(st, 18, process.startedEpochMillis());
            st.executeUpdate();
            return id;
        } catch (SQLException e) {
            throw failure("record the start of a run", e);
        }
    }

    public synchronized void addLevel(String runId, int position, LevelResult result) {
        LevelMetrics m = result.metrics();
        String sql = "INSERT INTO run_levels (run_id, position, phase, name, concurrency, status, requests,"
                + " valid_requests, success_rate, total_tokens_per_s, output_tokens_per_s, requests_per_s,"
                + " latency_p50_s, latency_p99_s, ttft_p99_ms, tpot_p99_ms, metrics_json)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, runId);
            st.setInt(2, position);
            st.setString(3, result.spec().phase().name());
            st.setString(4, result.spec().name());
            st.setInt(5, result.spec().concurrency());
            st.setString(6, result.verdict().status().name());
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
        } catch (SQLException e) {
            throw failure("record a level of run " + runId, e);
        }
    }

    /**
     * Marks a run ended: complete when every planned level ran, partial otherwise. Overwrites
     * "interrupted" too: a process that finishes its run was alive after all, and has the last word.
     */
    public synchronized void finishRun(String runId, boolean complete, long finishedEpochMillis) {
        try (PreparedStatement st = connection.prepareStatement(
                "UPDATE runs SET status = ?, finished_ms = ? WHERE id = ?")) {
            st.setString(1, complete ? COMPLETE : PARTIAL);
            st.setLong(2, finishedEpochMillis);
            st.setString(3, runId);
            st.executeUpdate();
        } catch (SQLException e) {
            throw failure("record the end of run " + runId, e);
        }
    }

    public synchronized String createExperiment(String kind, Object params, long createdEpochMillis) {
        String id = RunIds.experiment(createdEpochMillis);
        try (PreparedStatement st = connection.prepareStatement(
                "INSERT INTO experiments (id, kind, status, created_ms, params_json) VALUES (?, ?, ?, ?, ?)")) {
            st.setString(1, id);
            st.setString(2, kind);
            st.setString(3, RUNNING);
            st.setLong(4, createdEpochMillis);
            st.setString(5, json(params));
            st.executeUpdate();
            return id;
        } catch (SQLException e) {
            throw failure("record an experiment", e);
        }
    }

    public synchronized void finishExperiment(String id, boolean succeeded, Object result) {
        try (PreparedStatement st = connection.prepareStatement(
                "UPDATE experiments SET status = ?, result_json = ? WHERE id = ?")) {
            st.setString(1, succeeded ? COMPLETE : "failed");
            setNullableString(st, 2, Optional.ofNullable(result).map(RunStore::json));
            st.setString(3, id);
            st.executeUpdate();
        } catch (SQLException e) {
            throw failure("record the end of experiment " + id, e);
        }
    }

    /** Runs matching the filter, newest first. */
    public synchronized List<StoredRun> list(RunFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT * FROM runs WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        filter.model().ifPresent(m -> {
            sql.append(" AND LOWER(model) LIKE ?");
            args.add("%" + m.toLowerCase(Locale.ROOT) + "%");
        });
        filter.target().ifPresent(t -> {
            sql.append(" AND (LOWER(target_name) LIKE ? OR LOWER(target_url) LIKE ?)");
            args.add("%" + t.toLowerCase(Locale.ROOT) + "%");
            args.add("%" + t.toLowerCase(Locale.ROOT) + "%");
        });
        filter.since().ifPresent(s -> {
            sql.append(" AND started_ms >= ?");
            args.add(s.toEpochMilli());
        });
        filter.until().ifPresent(u -> {
            sql.append(" AND started_ms < ?");
            args.add(u.toEpochMilli());
        });
        filter.kind().ifPresent(k -> {
            sql.append(" AND kind = ?");
            args.add(k.dbName());
        });
        filter.experimentId().ifPresent(x -> {
            sql.append(" AND experiment_id = ?");
            args.add(x);
        });
        sql.append(" ORDER BY started_ms DESC, id DESC");
        List<StoredRun> out = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql.toString())) {
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
        try (PreparedStatement st = connection.prepareStatement("SELECT * FROM runs WHERE id = ?")) {
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
        try (PreparedStatement st = connection.prepareStatement(
                "UPDATE runs SET status = ? WHERE id = ? AND status = ?")) {
            st.setString(1, INTERRUPTED);
            st.setString(2, run.id());
            st.setString(3, RUNNING);
            st.executeUpdate();
        } catch (SQLException e) {
            // Best effort: on a database this account may only read, the run is still reported as
            // interrupted here; it stays "running" in the database until a reader that may write sees it.
        }
        return run.withStatus(INTERRUPTED);
    }

    /** The experiment with this id or unique id prefix. */
    public synchronized Optional<StoredExperiment> findExperiment(String idOrPrefix) {
        List<String> ids = idsLike("experiments", idOrPrefix);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        try (PreparedStatement st = connection.prepareStatement("SELECT * FROM experiments WHERE id = ?")) {
            st.setString(1, ids.getFirst());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return Optional.of(new StoredExperiment(rs.getString("id"), rs.getString("kind"),
                        rs.getString("status"), rs.getLong("created_ms"), rs.getString("params_json"),
                        Optional.ofNullable(rs.getString("result_json"))));
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
        List<String> ids = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT id FROM " + table + " WHERE id = ? OR id LIKE ? ORDER BY id")) {
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
            throw new IllegalArgumentException("id prefix '" + idOrPrefix + "' matches " + ids.size() + " entries ("
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
        return new StoredRun(id, RunKind.parse(rs.getString("kind")), rs.getString("status"),
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
        try (PreparedStatement st = connection.prepareStatement(
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
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close the database", e);
        }
    }
}
