package dev.servebench.dataset;

import java.util.List;

/**
 * One usable entry of a dataset file as read, before sampling: nothing is tokenized yet.
 * {@code outputTokens} (a recorded length) wins over {@code outputText} (an answer whose tokens are counted);
 * both may be null.
 */
record RawEntry(String id, String prompt, String outputText, Integer outputTokens, List<String> images,
                List<String> laterUserTurns) {
}
