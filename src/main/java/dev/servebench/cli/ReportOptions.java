package dev.servebench.cli;

import picocli.CommandLine.Option;

/** {@code --no-report}: shared by every command that ends by writing report.html and tables/. */
final class ReportOptions {
    @Option(names = "--no-report", description = "Skip writing <out>/report.html and <out>/tables/ at the end.")
    boolean noReport;
}
