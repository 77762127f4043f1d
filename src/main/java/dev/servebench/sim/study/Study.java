package dev.servebench.sim.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The published figures of the MI325X study (8x MI325X, vLLM 0.14.1; bundled as {@value #RESOURCE}, a copy of
 * the project's data/mi325x-study.json): each model's deployment and every throughput row it published. The
 * simulator is calibrated against these rows and {@code predict --study} reproduces them.
 */
public record Study(List<StudyModel> models, List<SchedulingProfile> schedulingProfiles) {
    public static final String RESOURCE = "/dev/servebench/sim/study/mi325x-study.json";

    /** The requests the study sent per client and level: its thorough (3x) multiplier on one per client. */
    public static final int REQUESTS_PER_CLIENT = 3;

    /** Every study level sent at least this many requests (ten clients' worth) so small levels are measured. */
    public static final int MIN_REQUESTS_PER_LEVEL = 10 * REQUESTS_PER_CLIENT;

    private static final Study BUNDLED = load();

    public Study {
        models = List.copyOf(models);
        schedulingProfiles = List.copyOf(schedulingProfiles);
    }

    /** One of the vLLM scheduling profiles the study published. */
    public record SchedulingProfile(String name, int maxNumSeqs, int maxNumBatchedTokens) {
    }

    public SchedulingProfile schedulingProfile(String name) {
        return schedulingProfiles.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the study has no scheduling profile " + name));
    }

    public static Study bundled() {
        return BUNDLED;
    }

    /** The model whose study name or catalogue name is {@code name} (case-insensitive). */
    public Optional<StudyModel> model(String name) {
        return models.stream().filter(m -> m.catalogueName().equalsIgnoreCase(name)
                || m.studyName().equalsIgnoreCase(name)).findFirst();
    }

    /** Catalogue names of the study's models, for help texts and errors. */
    public List<String> catalogueNames() {
        return models.stream().map(StudyModel::catalogueName).toList();
    }

    private static Study load() {
        try (InputStream in = Study.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static Study parse(JsonNode root) {
        List<StudyModel> models = new ArrayList<>();
        for (JsonNode m : root.path("models")) {
            String name = m.path("name").asText();
            JsonNode peak = null;
            for (JsonNode p : root.path("peak")) {
                if (p.path("model").asText().equals(name)) {
                    peak = p;
                }
            }
            if (peak == null) {
                continue;
            }
            List<StudyRow> rows = new ArrayList<>();
            for (JsonNode r : root.path("scaling").path(name)) {
                rows.add(new StudyRow(StudyRow.Kind.SCALING, r.get(0).asInt(), r.get(1).asDouble(), r.get(2).asDouble(),
                        OptionalDouble.of(r.get(3).asDouble())));
            }
            rows.add(new StudyRow(StudyRow.Kind.PEAK, peak.path("peak_concurrency").asInt(),
                    peak.path("peak_tok_s").asDouble(), peak.path("output_tok_s").asDouble(), OptionalDouble.empty()));
            List<String> flags = new ArrayList<>();
            m.path("flags").forEach(f -> flags.add(f.asText()));
            models.add(new StudyModel(name, catalogueName(name), m.path("tp").asInt(), m.path("block_size").asInt(),
                    m.path("aiter").path("master").asInt() == 1, m.path("fp8_kv").asBoolean(), flags,
                    peak.path("workload").asText().equals("vision"), rows));
        }
        List<SchedulingProfile> profiles = new ArrayList<>();
        for (JsonNode p : root.path("scheduling_profiles")) {
            profiles.add(new SchedulingProfile(p.path("name").asText(), p.path("max_num_seqs").asInt(),
                    p.path("max_num_batched_tokens").asInt()));
        }
        return new Study(models, profiles);
    }

    /** "DeepSeek V3.2" is catalogued as deepseek-v3.2, "Llama-3.1-405B" as llama-3.1-405b. */
    static String catalogueName(String studyName) {
        return studyName.toLowerCase(Locale.ROOT).replace(' ', '-');
    }
}
