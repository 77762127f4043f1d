package dev.servebench.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The part of a {@code runs list} filter one table can apply in SQL, as {@code AND …} conditions and their
 * arguments: model and target as case-insensitive substrings of the given columns, a time window on the table's
 * time column, the experiment's id. Runs, experiments and accuracy checks name these columns differently; the
 * conditions are written once here.
 *
 * @param sql  conditions to append after {@code WHERE 1 = 1}
 * @param args their arguments, in order
 */
record FilterClause(String sql, List<Object> args) {

    /** Where a table keeps what the filter asks about; null for what it does not have. */
    record Columns(String model, List<String> target, String time, String experimentId) {
    }

    static FilterClause of(RunFilter filter, Columns columns) {
        StringBuilder sql = new StringBuilder();
        List<Object> args = new ArrayList<>();
        if (columns.model() != null) {
            filter.model().ifPresent(m -> {
                sql.append(" AND LOWER(").append(columns.model()).append(") LIKE ?");
                args.add("%" + m.toLowerCase(Locale.ROOT) + "%");
            });
        }
        if (!columns.target().isEmpty()) {
            filter.target().ifPresent(t -> {
                sql.append(" AND (").append(String.join(" OR ", columns.target().stream()
                        .map(c -> "LOWER(" + c + ") LIKE ?").toList())).append(')');
                columns.target().forEach(c -> args.add("%" + t.toLowerCase(Locale.ROOT) + "%"));
            });
        }
        filter.since().ifPresent(s -> {
            sql.append(" AND ").append(columns.time()).append(" >= ?");
            args.add(s.toEpochMilli());
        });
        filter.until().ifPresent(u -> {
            sql.append(" AND ").append(columns.time()).append(" < ?");
            args.add(u.toEpochMilli());
        });
        filter.experimentId().ifPresent(x -> {
            sql.append(" AND ").append(columns.experimentId()).append(" = ?");
            args.add(x);
        });
        return new FilterClause(sql.toString(), List.copyOf(args));
    }
}
