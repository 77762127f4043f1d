/**
 * Distributed load generation: one coordinator and N worker processes. The coordinator owns the plan
 * (phases, levels, statuses); for each level it gives every worker its share of the concurrency, request
 * rate and request count, and a start time on the worker's own clock (offsets measured at join), then
 * receives each request record as the worker's request ends. Records are forwarded to the run's listeners
 * as they arrive (requests.jsonl is written live) and the level's metrics are computed over the union of
 * all workers' records: percentiles merged exactly, never averaged.
 *
 * <p>Wire protocol: one JSON object per line over a plain TCP connection the worker opens
 * ({@link dev.servebench.distributed.Message}).
 */
package dev.servebench.distributed;
