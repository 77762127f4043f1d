package dev.servebench.dataset;

import dev.servebench.BadInputException;
import dev.servebench.prompt.TokenCounter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/** Reads dataset files into requests. */
public final class Datasets {
    private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};

    private Datasets() {
    }

    /**
     * Reads {@code spec.file()} (never downloads), samples {@code wanted} requests uniformly with the seed, applies
     * the filter, and returns them in a seeded shuffled order.
     *
     * <p>One streaming pass over the file, so a 700 MB ShareGPT file need not fit in memory as objects: every entry
     * draws a random key from the seed, and the {@code wanted} entries with the smallest keys among those the
     * filter accepts are kept (reservoir sampling as bottom-k: a uniform sample of the usable entries). An entry is
     * tokenized only when its key could still make the sample; one the filter refuses takes no place, so a later
     * entry fills it: the sample is over-drawn and refilled as the filter drops, without a second pass.
     *
     * <p>Fewer than {@code wanted} usable: all of them (the caller cycles). None: a {@link BadInputException}
     * naming the file and why.
     */
    public static Dataset load(DatasetSpec spec, TokenCounter counter, int wanted, long seed) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(counter, "counter");
        if (wanted < 1) {
            throw new IllegalArgumentException("wanted " + wanted + " < 1");
        }
        Path file = spec.file();
        checkReadable(spec);
        boolean explicit = !spec.columns().equals(ColumnMapping.defaults(spec.kind()));
        Sampler sampler = new Sampler(spec.filter(), counter, wanted, seed);
        switch (spec.kind()) {
            case SHAREGPT -> {
                if (explicit) {
                    throw bad("--dataset " + spec.text() + ": ShareGPT files have a fixed layout (conversations[0]"
                            + " is the prompt, conversations[1] the answer); column mappings are for jsonl: and hf:"
                            + " files");
                }
                ShareGptReader.read(file, sampler);
            }
            case JSONL, HF -> {
                if (isParquet(file)) {
                    ParquetReader.read(file, spec.columns(), explicit, sampler);
                } else {
                    JsonRowsReader.read(file, spec.columns(), explicit, sampler);
                }
            }
        }
        return sampler.finish(spec, explicit);
    }

    /** Fails with the fix when the file is missing or unreadable: called again before a run starts. */
    public static void checkReadable(DatasetSpec spec) {
        Path file = spec.file();
        if (Files.isDirectory(file)) {
            throw bad("--dataset " + spec.text() + ": is a directory; give the dataset file in it"
                    + (spec.kind() == DatasetKind.HF ? " (a .parquet or .jsonl file)" : ""));
        }
        if (!Files.isRegularFile(file)) {
            String hint = switch (spec.kind()) {
                case SHAREGPT -> "download it first, e.g. wget https://huggingface.co/datasets/anon8231489123/"
                        + "ShareGPT_Vicuna_unfiltered/resolve/main/ShareGPT_V3_unfiltered_cleaned_split.json";
                case HF -> "save the dataset first (e.g. huggingface-cli download --repo-type dataset NAME"
                        + " --local-dir DIR) and give its .parquet or .jsonl file";
                case JSONL -> "check the path";
            };
            throw bad("--dataset " + spec.text() + ": no such file (servebench reads local files and never"
                    + " downloads); " + hint);
        }
        if (!Files.isReadable(file)) {
            throw bad("--dataset " + spec.text() + ": the file is not readable; check its permissions");
        }
    }

    private static boolean isParquet(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(4), PARQUET_MAGIC);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read (" + e + ")", e);
        }
    }

    static BadInputException bad(String message) {
        return new BadInputException(message);
    }

    /** Bottom-k sampling over the entries the filter accepts; tallies what was read, skipped and refused. */
    private static final class Sampler implements EntrySink {
        private record Candidate(long key, long order, DatasetRequest request) {
        }

        private static final Comparator<Candidate> ORDER =
                Comparator.comparingLong(Candidate::key).thenComparingLong(Candidate::order);

        private final LengthFilter filter;
        private final TokenCounter counter;
        private final int wanted;
        private final long seed;
        private final SplittableRandom keys;
        private final PriorityQueue<Candidate> kept; // largest key on top, to be evicted first
        private final Map<String, Long> skipped = new LinkedHashMap<>();
        private long read;
        private long examined;
        private long refused;

        Sampler(LengthFilter filter, TokenCounter counter, int wanted, long seed) {
            this.filter = filter;
            this.counter = counter;
            this.wanted = wanted;
            this.seed = seed;
            this.keys = new SplittableRandom(seed);
            this.kept = new PriorityQueue<>(Math.min(wanted, 1 << 16) + 1, ORDER.reversed());
        }

        @Override
        public void skipped(String reason) {
            read++;
            skipped.merge(reason, 1L, Long::sum);
        }

        @Override
        public void entry(RawEntry entry) {
            read++;
            Candidate probe = new Candidate(keys.nextLong(), read, null);
            if (kept.size() == wanted && ORDER.compare(probe, kept.peek()) > 0) {
                return; // cannot make the sample: not tokenized
            }
            examined++;
            int promptTokens = counter.count(entry.prompt());
            OptionalInt outputTokens = entry.outputTokens() != null ? OptionalInt.of(entry.outputTokens())
                    : entry.outputText() != null ? OptionalInt.of(counter.count(entry.outputText()))
                    : OptionalInt.empty();
            if (!filter.accepts(promptTokens, outputTokens)) {
                refused++;
                return;
            }
            kept.add(new Candidate(probe.key(), probe.order(), new DatasetRequest(entry.id(), entry.prompt(),
                    promptTokens, outputTokens, entry.images(), entry.laterUserTurns())));
            if (kept.size() > wanted) {
                kept.poll();
            }
        }

        Dataset finish(DatasetSpec spec, boolean explicitColumns) {
            long dropped = refused + skipped.values().stream().mapToLong(Long::longValue).sum();
            String why = why();
            String description = spec.text() + (explicitColumns ? " (columns " + spec.columns().text() + ")" : "");
            if (kept.isEmpty()) {
                String fix = read == 0 ? "the file has no entries; check it is the right file"
                        : refused > 0 ? "turn the length filter off or loosen it, or use another file"
                        : "check the file and its column mapping";
                throw bad("--dataset " + description + ": no usable request (" + String.format(Locale.ROOT,
                        "%,d read", read) + (why.isEmpty() ? "" : ": " + why) + "); " + fix);
            }
            List<Candidate> byKey = new ArrayList<>(kept);
            byKey.sort(ORDER);
            List<DatasetRequest> requests = new ArrayList<>(byKey.size());
            for (Candidate c : byKey) {
                requests.add(c.request());
            }
            Collections.shuffle(requests, new Random(seed ^ 0x6A09E667F3BCC909L));
            return new Dataset(description, requests, read, dropped, why);
        }

        private String why() {
            StringJoiner out = new StringJoiner("; ");
            skipped.forEach((reason, n) -> out.add(String.format(Locale.ROOT, "%,d %s", n, reason)));
            if (refused > 0) {
                String lengths = filter.equals(LengthFilter.VLLM_SHAREGPT)
                        ? "vLLM's ShareGPT lengths: " + filter.describe() : filter.describe();
                long usable = read - skipped.values().stream().mapToLong(Long::longValue).sum();
                out.add(examined == usable
                        ? String.format(Locale.ROOT, "%,d outside %s", refused, lengths)
                        : String.format(Locale.ROOT, "%,d of %,d examined outside %s", refused, examined, lengths));
            }
            return out.toString();
        }
    }
}
