package dev.servebench.cli;

import dev.servebench.testing.EndToEnd;
import dev.servebench.server.ErrorBodies;
import dev.servebench.server.EventStream;
import dev.servebench.server.HttpExchange;
import dev.servebench.server.StreamingHttpServer;
import dev.servebench.store.DatabaseLocation;
import dev.servebench.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #28, defect 9: {@code --url http://alice:pw@host} without an API key is sent as HTTP Basic
 * authorization, and a server that quotes the header it got (some gateways do, in their 401/5xx
 * bodies) must not get the credentials into anything servebench shows or stores, as a Bearer key
 * never does. The password is deliberately short: the user/password scrub skipped texts under four
 * characters, and the base64 header value was not scrubbed at all.
 */
@EndToEnd
class UrlCredentialsEchoTest {
    private static final Pattern RECORDED = Pattern.compile("Recorded as run (\\S+)");
    private static final String USER_INFO = "alice:pw";
    private static final String BASE64 = Base64.getEncoder().encodeToString(USER_INFO.getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    /**
     * Answers the first request (the preflight) and every other one after it with a stream whose text
     * quotes the Authorization header; the rest fail with HTTP 500 quoting the header and what it
     * decodes to, so the echo reaches the records' errors, the summary and the console.
     */
    private static StreamingHttpServer echoingServer(List<String> seen) throws Exception {
        AtomicInteger n = new AtomicInteger();
        return StreamingHttpServer.startLoopback((HttpExchange ex) -> {
            String auth = ex.header("Authorization");
            seen.add(String.valueOf(auth));
            String decoded = auth != null && auth.startsWith("Basic ")
                    ? new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8) : "";
            if (n.getAndIncrement() % 2 == 1) {
                ex.respondJson(500, ErrorBodies.openAi(500, "InternalServerError",
                        "upstream refused Authorization: " + auth + " (credentials " + decoded + ")"));
                return;
            }
            String head = "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[";
            EventStream stream = ex.startEventStream();
            stream.send(head + "{\"index\":0,\"delta\":{\"content\":\"you sent " + auth + " for " + decoded
                    + "\"},\"finish_reason\":null}]}");
            // One token where only one was asked (the preflight): a usage count past max_tokens is refused.
            boolean one = dev.servebench.testing.RawRequests.maxTokens(ex.bodyText(), 2) == 1;
            if (!one) {
                stream.send(head + "{\"index\":0,\"delta\":{\"content\":\" ok\"},\"finish_reason\":\"length\"}]}");
            }
            stream.send(head + "],\"usage\":{\"prompt_tokens\":16,\"completion_tokens\":" + (one ? 1 : 2)
                    + ",\"total_tokens\":" + (one ? 17 : 18) + "}}");
            stream.send("[DONE]");
            stream.close();
        });
    }

    @Test
    void basicCredentialsFromTheUrlNeverReachWhatIsShownOrStored() throws Exception {
        DatabaseLocation db = TestDatabases.fresh(TestDatabases.Kind.SQLITE, dir.resolve("db"));
        Path out = dir.resolve("run");
        List<String> seen = new CopyOnWriteArrayList<>();
        List<String> shown = new ArrayList<>();
        String runId;
        try (StreamingHttpServer server = echoingServer(seen)) {
            String url = "http://" + USER_INFO + "@127.0.0.1:" + server.port();
            CliRunner bench = CliRunner.run("bench", "--url", url, "--model", "m", "--phases", "baseline",
                    "--baseline-requests", "6", "--input-tokens", "16", "--output-tokens", "2", "--cooldown", "0s",
                    "--no-report", "--db", db.jdbcUrl(), "--out", out.toString());
            shown.add(bench.out());
            shown.add(bench.err());
            Matcher m = RECORDED.matcher(bench.out());
            assertThat(m.find()).as(bench.out() + bench.err()).isTrue();
            runId = m.group(1);
        }
        // The credentials were sent (so the server really had them to echo) ...
        assertThat(seen).isNotEmpty().allMatch(a -> a.equals("Basic " + BASE64));
        assertThat(out.resolve("requests.jsonl")).content().contains("upstream refused Authorization");

        // ... and appear nowhere afterwards: not in the console, the run folder, the database file,
        // nor in what runs show and runs export read back from the database.
        for (String[] args : List.of(new String[]{"runs", "show", runId}, new String[]{"runs", "export", runId},
                new String[]{"runs", "export", runId, "--format", "vllm-json"},
                new String[]{"runs", "export", runId, "--format", "csv", "--requests"})) {
            List<String> withDb = new ArrayList<>(List.of(args));
            withDb.addAll(List.of("--db", db.jdbcUrl()));
            CliRunner r = CliRunner.run(withDb.toArray(String[]::new));
            assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isZero();
            shown.add(r.out());
            shown.add(r.err());
        }
        List<String> stored = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                (f.startsWith(out) ? shown : stored).add(f.getFileName() + ": " + text);
            }
        }
        assertThat(shown).as("summary.json is among them").anyMatch(s -> s.startsWith("summary.json: {"));
        assertThat(shown).as("requests.jsonl is among them").anyMatch(s -> s.startsWith("requests.jsonl: {"));
        for (String s : shown) {
            assertThat(s.replace(dir.toString(), "")).doesNotContain("pw", USER_INFO, BASE64);
        }
        // The database file is binary, where two letters may occur by chance: the whole forms only.
        assertThat(stored).isNotEmpty().allSatisfy(s -> assertThat(s).doesNotContain(USER_INFO, BASE64));
    }
}
