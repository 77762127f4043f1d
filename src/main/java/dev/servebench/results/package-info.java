/**
 * The results folder's format, owned in one place: {@code requests.jsonl} (one {@link
 * dev.servebench.results.RequestLine} per request, written by {@link dev.servebench.results.RequestLog} and read
 * back by {@link dev.servebench.results.RequestsFile}, the only reader), {@code summary.json} ({@link
 * dev.servebench.results.SummaryDocument}, schema {@link dev.servebench.results.SummaryDocument#SCHEMA}) and the
 * folder that holds them ({@link dev.servebench.results.ResultsFolder}). Reports, {@code runs import}, {@code runs
 * export} and load workers all go through these classes; the database ({@code store}) only points at the folder.
 */
package dev.servebench.results;
