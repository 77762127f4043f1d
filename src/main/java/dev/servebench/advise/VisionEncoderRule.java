package dev.servebench.advise;

import dev.servebench.model.ModelArchitecture;

import java.util.Optional;

/** Rule C13: run a vision encoder data-parallel (a whole copy per rank) where vLLM supports it. */
final class VisionEncoderRule {

    private VisionEncoderRule() {
    }

    /** Empty for text-only models. */
    static Optional<Decision> choose(ModelArchitecture m, VllmVersion version) {
        if (!m.hasVision()) {
            return Optional.empty();
        }
        if (VersionGates.reached(VersionGates.C13_ENCODER_TP_MODE, version)) {
            return Optional.of(new Decision("mm-encoder-tp-mode", "data", "the small vision encoder ("
                    + m.vision().orElseThrow().layers() + " layers) runs whole on each rank: no all-reduce per "
                    + "encoder layer, at the cost of one encoder copy per GPU", RuleId.C13));
        }
        return Optional.of(new Decision("mm-encoder-tp-mode", "weights (default)", "vLLM " + version
                + " has no --mm-encoder-tp-mode (from " + VersionGates.since(VersionGates.C13_ENCODER_TP_MODE)
                + "); the encoder is sharded with TP", RuleId.C13));
    }

    static boolean replicated(Optional<Decision> d) {
        return d.map(x -> x.value().equals("data")).orElse(false);
    }
}
