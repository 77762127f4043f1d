package dev.servebench.export;

import java.util.List;
import java.util.function.Function;

/** A column of the per-request exports (CSV and Parquet): name, type, and how a row fills it. */
public record RequestColumn(String name, Type type, Function<RequestRow, Object> value) {

    /** Column types; the Parquet file uses the DuckDB type named here. */
    public enum Type {
        INTEGER("INTEGER"), DOUBLE("DOUBLE"), VARCHAR("VARCHAR"), DOUBLE_LIST("DOUBLE[]");

        private final String sql;

        Type(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }
    }

    /** Every column, in order. */
    public static final List<RequestColumn> ALL = List.of(
            new RequestColumn("run_id", Type.VARCHAR, RequestRow::runId),
            new RequestColumn("position", Type.INTEGER, RequestRow::position),
            new RequestColumn("phase", Type.VARCHAR, RequestRow::phase),
            new RequestColumn("level", Type.VARCHAR, RequestRow::level),
            new RequestColumn("index", Type.INTEGER, RequestRow::index),
            new RequestColumn("outcome", Type.VARCHAR, RequestRow::outcome),
            new RequestColumn("http_status", Type.INTEGER, RequestRow::httpStatus),
            new RequestColumn("scheduled_s", Type.DOUBLE, RequestRow::scheduledS),
            new RequestColumn("sent_s", Type.DOUBLE, RequestRow::sentS),
            new RequestColumn("first_token_s", Type.DOUBLE, RequestRow::firstTokenS),
            new RequestColumn("end_s", Type.DOUBLE, RequestRow::endS),
            new RequestColumn("ttft_ms", Type.DOUBLE, RequestRow::ttftMs),
            new RequestColumn("ttfat_ms", Type.DOUBLE, RequestRow::ttfatMs),
            new RequestColumn("e2e_s", Type.DOUBLE, RequestRow::e2eS),
            new RequestColumn("tpot_ms", Type.DOUBLE, RequestRow::tpotMs),
            new RequestColumn("prompt_tokens", Type.INTEGER, RequestRow::promptTokens),
            new RequestColumn("completion_tokens", Type.INTEGER, RequestRow::completionTokens),
            new RequestColumn("token_source", Type.VARCHAR, RequestRow::tokenSource),
            new RequestColumn("finish_reason", Type.VARCHAR, RequestRow::finishReason),
            new RequestColumn("connection", Type.VARCHAR, RequestRow::connection),
            new RequestColumn("connect_ms", Type.DOUBLE, RequestRow::connectMs),
            new RequestColumn("retries", Type.INTEGER, RequestRow::retries),
            new RequestColumn("error", Type.VARCHAR, RequestRow::error),
            new RequestColumn("turn", Type.INTEGER, RequestRow::turn),
            new RequestColumn("itl_ms", Type.DOUBLE_LIST, RequestRow::itlMs));

    public static List<String> names() {
        return ALL.stream().map(RequestColumn::name).toList();
    }
}
