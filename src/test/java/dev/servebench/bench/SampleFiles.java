package dev.servebench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small workload files for tests that run them against real servers (the simulator, llama-server). */
public final class SampleFiles {
    /** Twenty ShareGPT conversations of varied lengths (one single-turn entry that loaders skip). */
    public static final Path SHAREGPT = Path.of("src", "test", "resources", "datasets", "sharegpt_sample.json");

    /**
     * A Mooncake trace small enough for llama-server's 1,024-token slots: {timestamp ms, input_length,
     * output_length}, rows 1, 2 and 4 sharing their first prefix block (hash id 7).
     */
    public static final int[][] MOONCAKE_ROWS = {{0, 600, 8}, {400, 700, 6}, {900, 300, 12}, {1500, 560, 4}};
    private static final String[] MOONCAKE_HASH_IDS = {"[7, 8]", "[7, 9]", "[11]", "[7, 12]"};

    private SampleFiles() {
    }

    public static Path smallMooncakeTrace(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < MOONCAKE_ROWS.length; i++) {
            int[] r = MOONCAKE_ROWS[i];
            lines.add("{\"timestamp\": " + r[0] + ", \"input_length\": " + r[1] + ", \"output_length\": " + r[2]
                    + ", \"hash_ids\": " + MOONCAKE_HASH_IDS[i] + "}");
        }
        return Files.write(dir.resolve("mooncake_small.jsonl"), lines);
    }
}
