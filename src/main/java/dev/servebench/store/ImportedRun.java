package dev.servebench.store;

/**
 * What {@link RunStore#importFolder} did.
 *
 * @param runId            the run the folder is now recorded as
 * @param completedLive    true when the database already held this run, recorded live but cut short,
 *                         and the import completed that record (keeping its id); false for a new record
 * @param levelsAdded      level rows the import wrote
 * @param levels           level rows the run has now
 * @param status           complete or partial, as the run itself would have ended it
 * @param tornRequestLines incomplete last lines of requests.jsonl skipped (0 or 1)
 */
public record ImportedRun(String runId, boolean completedLive, int levelsAdded, int levels, RunStatus status,
                          int tornRequestLines) {
}
