package dev.servebench.dataset;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Requests sampled from a dataset file, in the order to send them.
 *
 * @param description    the source, e.g. {@code sharegpt:/data/ShareGPT_V3.json}
 * @param entriesRead    entries (conversations, lines, rows) in the file
 * @param entriesDropped entries found unusable: skipped for their shape (a conversation of fewer than 2 turns,
 *                       an empty prompt), plus those the length filter refused among the ones examined
 * @param droppedBecause why, in words, e.g. "1 with fewer than 2 turns; 4 of 19 examined outside prompt 4-1024
 *                       tokens, output >= 4, prompt+output <= 2048"; empty when nothing was dropped
 */
public record Dataset(String description, List<DatasetRequest> requests, long entriesRead, long entriesDropped,
                      String droppedBecause) {

    public Dataset {
        Objects.requireNonNull(description, "description");
        requests = List.copyOf(requests);
        Objects.requireNonNull(droppedBecause, "droppedBecause");
    }

    public Dataset(String description, List<DatasetRequest> requests, long entriesRead, long entriesDropped) {
        this(description, requests, entriesRead, entriesDropped, "");
    }

    public LengthSummary inputLengths() {
        return LengthSummary.of(requests.stream().mapToInt(DatasetRequest::promptTokens).toArray());
    }

    /** Over the requests that have an output length. */
    public LengthSummary outputLengths() {
        return LengthSummary.of(requests.stream().filter(r -> r.outputTokens().isPresent())
                .mapToInt(r -> r.outputTokens().getAsInt()).toArray());
    }

    /** Two lines for the console: source and counts (with why some were dropped), then the token lengths. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "dataset %s: %,d read, %,d requests kept", description, entriesRead,
                requests.size()));
        if (entriesDropped > 0) {
            out.append(String.format(Locale.ROOT, ", %,d dropped", entriesDropped));
            if (!droppedBecause.isEmpty()) {
                out.append(" (").append(droppedBecause).append(')');
            }
        }
        LengthSummary in = inputLengths();
        LengthSummary outLengths = outputLengths();
        out.append("\n  input tokens ").append(in.describe()).append("; output tokens ");
        if (outLengths.count() == 0) {
            out.append("not in the file");
        } else {
            out.append(outLengths.describe());
            if (outLengths.count() < requests.size()) {
                out.append(String.format(Locale.ROOT, " (%,d of %,d requests give one)", outLengths.count(),
                        requests.size()));
            }
        }
        return out.toString();
    }
}
