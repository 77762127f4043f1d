package dev.servebench.experiment;

import dev.servebench.BadInputException;
import java.net.URI;

/**
 * One deployment an experiment measures.
 *
 * @param gpus accelerators the deployment uses, for throughput per GPU (1 when unknown)
 */
public record TargetSpec(String name, URI url, String model, int gpus) {
    public TargetSpec {
        if (gpus < 1) {
            throw new BadInputException("a target uses at least 1 GPU, got " + gpus + " for " + name);
        }
    }
}
