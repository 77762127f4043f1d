package dev.servebench.cli;

import picocli.CommandLine.Mixin;

/**
 * The flags every {@code experiment} subcommand shares: the endpoint to measure, the workload of
 * each run, and where results go. One mixin, so the subcommands declare only what is their own.
 */
final class ExperimentTargetOptions {
    @Mixin
    EndpointOptions endpoint;

    @Mixin
    WorkloadOptions workload;

    @Mixin
    ExperimentOutput output;
}
