package dev.servebench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package rules of docs/architecture.md, read from the sources: the packages form no cycle, the command line
 * is imported by nothing and is the only user of picocli, and the layers below the application (run) and the
 * renderers (report) never reach up to them. A rule broken here fails with the imports that break it.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/servebench");
    private static final Pattern REFERENCE = Pattern.compile("dev\\.servebench\\.([a-z0-9_]+)\\.");

    /** Who uses which package: top-level package -> packages it names. */
    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = SOURCES.relativize(f);
                if (rel.getNameCount() < 2) {
                    continue; // the root package: BadInputException and friends, used by all
                }
                String from = rel.getName(0).toString();
                Matcher m = REFERENCE.matcher(Files.readString(f));
                Set<String> to = deps.computeIfAbsent(from, k -> new TreeSet<>());
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        to.add(m.group(1));
                    }
                }
            }
        }
        return deps;
    }

    @Test
    void packagesFormNoCycle() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        List<String> cycles = new ArrayList<>();
        for (String start : deps.keySet()) {
            // A path from a package back to itself, if any, by breadth-first search.
            Deque<List<String>> paths = new ArrayDeque<>();
            paths.add(List.of(start));
            Set<String> seen = new TreeSet<>();
            while (!paths.isEmpty()) {
                List<String> path = paths.poll();
                for (String next : deps.getOrDefault(path.getLast(), Set.of())) {
                    if (next.equals(start)) {
                        List<String> cycle = new ArrayList<>(path);
                        cycle.add(start);
                        cycles.add(String.join(" -> ", cycle));
                        paths.clear();
                        break;
                    }
                    if (seen.add(next)) {
                        List<String> longer = new ArrayList<>(path);
                        longer.add(next);
                        paths.add(longer);
                    }
                }
            }
        }
        assertThat(cycles).as("package cycles").isEmpty();
    }

    @Test
    void nothingImportsTheCommandLine() throws IOException {
        dependencies().forEach((from, to) -> assertThat(to).as(from).doesNotContain("cli"));
    }

    @Test
    void onlyTheCommandLineUsesPicocli() throws IOException {
        // Flags are parsed in cli and nowhere else: the application layer and below take typed options.
        List<String> users = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = SOURCES.relativize(f);
                boolean inCli = rel.getNameCount() > 1 && rel.getName(0).toString().equals("cli");
                if (!inCli && Files.readString(f).contains("picocli")) {
                    users.add(rel.toString());
                }
            }
        }
        assertThat(users).as("sources outside cli that name picocli").isEmpty();
    }

    @Test
    void theLayersBelowTheApplicationAndTheRenderersDoNotReachUp() throws IOException {
        Set<String> upper = Set.of("cli", "run", "report");
        Map<String, Set<String>> deps = dependencies();
        for (String core : List.of("model", "client", "load", "bench", "stats", "sim", "advise", "plan", "experiment",
                "eval", "dataset", "prompt", "metrics", "results", "store", "distributed", "json", "table", "server")) {
            assertThat(deps.getOrDefault(core, Set.of())).as(core).doesNotContainAnyElementsOf(
                    upper.stream().filter(u -> !u.equals(core)).toList());
        }
    }
}
