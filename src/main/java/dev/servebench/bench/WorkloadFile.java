package dev.servebench.bench;

import dev.servebench.BadInputException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.servebench.dataset.ColumnMapping;
import dev.servebench.dataset.DatasetSpec;
import dev.servebench.dataset.Datasets;
import dev.servebench.dataset.Traces;
import dev.servebench.dataset.LengthFilter;
import dev.servebench.dataset.TraceFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A YAML or JSON workload file: every benchmark setting the command line has, with the same names
 * in snake_case (e.g. {@code input_tokens}, {@code scaling}, {@code slo}). Absent keys keep their
 * defaults; command-line flags override the file. See docs/workload-file.md.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record WorkloadFile(List<String> phases, Integer inputTokens, Integer outputTokens,
                           Integer saturationInputTokens, Integer saturationOutputTokens, Integer images,
                           List<String> imageUrls, List<Integer> scaling, List<Integer> saturation,
                           Integer baselineRequests, Integer requests, String intensity, String cooldown,
                           String prompt, Boolean ignoreEos, Long seed, List<Double> rates, String arrival,
                           String slo, Double activeParams, Integer longOutputTokens, List<Integer> longContext,
                           String maxLevelDuration, Integer prefixGroups, Integer prefixTokens, Integer turns,
                           String thinkTime, String dataset, String datasetColumns, String datasetFilter,
                           String trace, String traceFormat, List<Double> traceSpeed, Integer traceLimit) {

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // requests: 2.7 is a mistake to report, not a 2 to run silently.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    /** The same names, for settings that are already typed values (flags, a coordinator's message to its workers). */
    private static final ObjectMapper VALUES = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .build();

    /** No setting given: every one at its default. */
    public static WorkloadFile none() {
        return fromKeys(java.util.Map.of());
    }

    /**
     * The settings given as key/value pairs named as in the file ({@code input_tokens}): how the command line's
     * flags become a workload without spelling every setting out once more. An unknown key is a bug of the
     * caller, not the user's input.
     */
    public static WorkloadFile fromKeys(java.util.Map<String, ?> keys) {
        return VALUES.convertValue(keys, WorkloadFile.class);
    }

    /** The keys given, as {@link #fromKeys} takes them: absent settings are left out. */
    public java.util.Map<String, Object> keys() {
        return VALUES.convertValue(this, new com.fasterxml.jackson.core.type.TypeReference<>() {
        });
    }

    /**
     * These settings over {@code lower}'s: a key given here wins, the others come from there. One rule for every
     * layer (defaults, then a workload file, then flags), as k6 consolidates its configuration.
     */
    public WorkloadFile over(WorkloadFile lower) {
        java.util.Map<String, Object> merged = new java.util.LinkedHashMap<>(lower.keys());
        merged.putAll(keys());
        return fromKeys(merged);
    }

    /** A copy with {@code key} set to {@code value} (e.g. the seed a run drew, for its workers). */
    public WorkloadFile with(String key, Object value) {
        return fromKeys(java.util.Map.of(key, value)).over(this);
    }

    /** The configuration these settings give on SPEC's defaults. */
    public BenchmarkConfig.Builder toConfigBuilder() {
        BenchmarkConfig.Builder builder = BenchmarkConfig.builder();
        applyTo(builder);
        return builder;
    }

    /** Reads a .yaml/.yml or .json file (YAML is a superset of JSON, so one parser reads both). */
    public static WorkloadFile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInputException("workload file " + file + " does not exist");
        } catch (IOException e) {
            throw new BadInputException("cannot read workload file " + file + ": " + e.getMessage());
        }
        try {
            return YAML.readValue(text, WorkloadFile.class);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new BadInputException("workload file " + file + at(e) + ": unknown key '"
                    + e.getPropertyName() + "'; see docs/workload-file.md for the keys");
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw new BadInputException("workload file " + file + at(e) + ": " + key(e) + " "
                    + expected(e.getTargetType()) + ", got " + given(e));
        } catch (IOException e) {
            String msg = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? j.getOriginalMessage() : e.getMessage();
            throw new BadInputException("workload file " + file + at(e) + " is not valid YAML: "
                    + (msg == null ? e.toString() : msg.lines().findFirst().orElse("")));
        }
    }

    private static String at(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                && j.getLocation().getLineNr() > 0) {
            return ", line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr();
        }
        return "";
    }

    /** The key as the file spells it, e.g. {@code scaling[1]}. */
    private static String key(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE
                        .translate(r.getFieldName()));
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "the file" : sb.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "must be a list in brackets, e.g. [x, y]";
        }
        return type == String.class ? "must be text" : "has the wrong type";
    }

    private static String given(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f && f.getValue() != null) {
            return "'" + f.getValue() + "'";
        }
        String original = e.getOriginalMessage();
        return original != null && original.contains("from ") ? original.substring(original.indexOf("from ") + 5)
                .lines().findFirst().orElse("something else") : "something else";
    }

    /** Applies every key present in the file to the builder. */
    public void applyTo(BenchmarkConfig.Builder b) {
        if (phases != null) {
            Set<Phase> set = EnumSet.noneOf(Phase.class);
            phases.forEach(p -> set.add(Phase.parse(p)));
            b.phases(set);
        }
        if (inputTokens != null) {
            b.mainWorkload(b.mainWorkload().withInputTokens(inputTokens));
            b.saturationWorkload(b.saturationWorkload().withInputTokens(inputTokens));
        }
        if (outputTokens != null) {
            b.mainWorkload(b.mainWorkload().withOutputTokens(outputTokens));
            b.saturationWorkload(b.saturationWorkload().withOutputTokens(outputTokens));
        }
        if (saturationInputTokens != null) {
            b.saturationWorkload(b.saturationWorkload().withInputTokens(saturationInputTokens));
        }
        if (saturationOutputTokens != null) {
            b.saturationWorkload(b.saturationWorkload().withOutputTokens(saturationOutputTokens));
        }
        if (images != null) {
            b.mainWorkload(b.mainWorkload().withImages(images));
            b.saturationWorkload(b.saturationWorkload().withImages(images));
        }
        if (imageUrls != null) {
            b.imageUrls(imageUrls);
        }
        if (scaling != null) {
            b.scalingLevels(scaling);
        }
        if (saturation != null) {
            b.saturationLevels(saturation);
        }
        if (baselineRequests != null) {
            b.baselineRequests(baselineRequests);
        }
        if (requests != null) {
            b.requestsPerLevel(requests);
        }
        if (intensity != null) {
            b.intensity(Intensity.parse(intensity));
        }
        if (cooldown != null) {
            b.cooldown(Durations.parse(cooldown));
        }
        if (prompt != null) {
            b.promptMode(PromptMode.parse(prompt));
        }
        if (ignoreEos != null) {
            b.ignoreEos(ignoreEos);
        }
        if (seed != null) {
            b.seed(seed);
        }
        if (rates != null) {
            b.rates(rates);
        }
        if (arrival != null) {
            b.poissonArrivals(parseArrival(arrival));
        }
        if (slo != null) {
            b.slo(Slo.parse(slo));
        }
        if (activeParams != null) {
            b.activeParamsBillions(activeParams);
        }
        if (longOutputTokens != null || longContext != null) {
            StressSettings s = b.stress();
            b.stress(new StressSettings(longOutputTokens != null ? longOutputTokens : s.longOutputTokens(),
                    s.longOutputConcurrency(), longContext != null ? longContext : s.longContextInputTokens(),
                    s.longContextConcurrency(), s.multiImageCount(), s.multiImageConcurrency(),
                    s.visionConcurrency(), s.sustainedVisionConcurrency(), s.sustainedVisionRequests()));
        }
        if (maxLevelDuration != null) {
            b.maxLevelDuration(Durations.parse(maxLevelDuration));
        }
        applyMix(b);
        if (turns != null || thinkTime != null) {
            Conversation c = b.conversation();
            b.conversation(new Conversation(turns != null ? turns : c.turns(),
                    thinkTime != null ? Durations.parse(thinkTime) : c.thinkTime()));
        }
    }

    private void applyMix(BenchmarkConfig.Builder b) {
        int mixes = (prefixGroups != null || prefixTokens != null ? 1 : 0) + (dataset != null ? 1 : 0)
                + (trace != null ? 1 : 0);
        if (mixes > 1) {
            throw new BadInputException("--dataset, --trace and --prefix-tokens each say what the requests are; "
                    + "give one of them");
        }
        if (dataset == null && (datasetColumns != null || datasetFilter != null)) {
            throw new BadInputException("--dataset-columns and --dataset-filter apply to a dataset; add "
                    + "--dataset KIND:PATH (e.g. sharegpt:ShareGPT_V3.json)");
        }
        if (trace == null && (traceFormat != null || traceSpeed != null || traceLimit != null)) {
            throw new BadInputException("--trace-format, --trace-speed and --trace-limit apply to a trace; add "
                    + "--trace PATH (a Mooncake JSONL or Azure CSV trace)");
        }
        if (dataset != null) {
            DatasetSpec spec = DatasetSpec.parse(dataset);
            if (datasetColumns != null) {
                spec = spec.withColumns(ColumnMapping.parse(datasetColumns));
            }
            if (datasetFilter != null) {
                spec = spec.withFilter(LengthFilter.parse(datasetFilter));
            }
            Datasets.checkReadable(spec);
            b.requestMix(new RequestMix.FromDataset(spec));
        }
        if (trace != null) {
            Traces.checkReadable(Path.of(trace));
            b.requestMix(new RequestMix.FromTrace(Path.of(trace),
                    Optional.ofNullable(traceFormat).map(WorkloadFile::parseTraceFormat),
                    traceSpeed != null ? traceSpeed : List.of(1.0), traceLimit != null ? traceLimit : Integer.MAX_VALUE));
        }
        if (prefixGroups != null || prefixTokens != null) {
            if (prefixTokens == null) {
                throw new BadInputException("--prefix-groups " + prefixGroups + " needs --prefix-tokens N, the "
                        + "length of each group's shared system prompt");
            }
            b.requestMix(new RequestMix.SharedPrefixes(prefixGroups != null ? prefixGroups : 1, prefixTokens));
        }
    }

    private static TraceFormat parseTraceFormat(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "mooncake" -> TraceFormat.MOONCAKE;
            case "azure" -> TraceFormat.AZURE;
            default -> throw new BadInputException("unknown trace format '" + text + "'; use mooncake or azure");
        };
    }

    public static boolean parseArrival(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "poisson" -> true;
            case "constant" -> false;
            default -> throw new BadInputException("unknown arrival '" + text + "'; use poisson or constant");
        };
    }
}
