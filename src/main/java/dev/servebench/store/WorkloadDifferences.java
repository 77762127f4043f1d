package dev.servebench.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servebench.json.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What two stored runs asked of the server differently: lengths, forced output, prompt kind, dataset, conversation.
 * A comparison of runs that differ there measures the workload, not the server (a 64/32 run against a 128/128 one
 * read "latency p99 +470 %"), so {@code runs compare} names the differences before it compares. The target and
 * the model are not workload: comparing them is what A/B runs are for.
 */
public final class WorkloadDifferences {
    /** The configuration keys (summary.json's {@code config}) that define what each request asks. */
    static final List<String> WORKLOAD_KEYS = List.of("main_workload", "saturation_workload", "ignore_eos",
            "prompt_mode", "request_mix", "conversation", "image_urls");

    private WorkloadDifferences() {
    }

    /** One line per differing setting, "main_workload.output_tokens 32 vs 128"; empty when they asked the same. */
    public static List<String> between(StoredRun reference, StoredRun other) {
        JsonNode a = config(reference);
        JsonNode b = config(other);
        List<String> out = new ArrayList<>();
        for (String key : WORKLOAD_KEYS) {
            diff(key, a.path(key), b.path(key), out);
        }
        return out;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a.isObject() && b.isObject()) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                diff(path + "." + n, a.path(n), b.path(n), out);
            }
        } else if (!a.equals(b)) {
            out.add(path + " " + show(a) + " vs " + show(b));
        }
    }

    private static String show(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "unset" : n.isTextual() ? n.asText() : n.toString();
    }

    private static JsonNode config(StoredRun run) {
        try {
            return Json.mapper().readTree(run.configJson() == null ? "{}" : run.configJson());
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }
}
