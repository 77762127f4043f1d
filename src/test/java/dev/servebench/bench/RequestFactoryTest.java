package dev.servebench.bench;

import dev.servebench.client.CompletionRequest;
import dev.servebench.dataset.Trace;
import dev.servebench.dataset.TraceFormat;
import dev.servebench.dataset.TraceRequest;
import dev.servebench.prompt.WordPrompts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What each request says for the request mixes that share text on purpose. */
class RequestFactoryTest {
    /** Estimated prompts: three-letter words, so a token is exactly four characters with its space. */
    private static final WordPrompts PROMPTS = WordPrompts.estimated(3);

    private static int words(String text) {
        return text.split(" ").length;
    }

    @Test
    void traceRequestsWithTheSameBlockIdStartWithTheSameTextAndOthersDoNot() {
        Trace trace = new Trace("t", TraceFormat.MOONCAKE, 512, List.of(
                new TraceRequest(0, 600, 8, List.of(7L, 8L)),
                new TraceRequest(1, 700, 6, List.of(7L, 9L)),
                new TraceRequest(2, 600, 4, List.of(10L, 8L))));
        RequestFactory factory = new RequestFactory(PROMPTS, null, true, 1,
                new RequestSource.FromTrace(trace, List.of(1.0)), Conversation.SINGLE_TURN, 0);
        Workload ignored = new Workload(100, 10, 0);

        List<CompletionRequest> requests = List.of(factory.build(ignored, 0), factory.build(ignored, 1),
                factory.build(ignored, 2));

        assertThat(requests).extracting(r -> words(r.prompt())).containsExactly(600, 700, 600);
        assertThat(requests).extracting(CompletionRequest::maxTokens).containsExactly(8, 6, 4);
        String block7 = requests.get(0).prompt().substring(0, 512 * 4 - 1);
        assertThat(requests.get(1).prompt()).startsWith(block7);
        // Block 8 is the same text after different first blocks: shared text only counts as a prefix.
        assertThat(requests.get(2).prompt()).doesNotStartWith(block7.substring(0, 40));
        assertThat(requests.get(0).prompt().substring(512 * 4)).isEqualTo(requests.get(2).prompt().substring(512 * 4));
        assertThat(factory.meanAskedPromptTokens()).isEqualTo((600 + 700 + 600) / 3.0);

        // The next replay (another speed, another level) has texts of its own: nothing of this one cached.
        RequestFactory nextReplay = new RequestFactory(PROMPTS, null, true, 2,
                new RequestSource.FromTrace(trace, List.of(1.0)), Conversation.SINGLE_TURN, 0);
        assertThat(nextReplay.build(ignored, 0).prompt()).doesNotStartWith(block7.substring(0, 40));
        assertThat(nextReplay.build(ignored, 1).prompt())
                .startsWith(nextReplay.build(ignored, 0).prompt().substring(0, 512 * 4 - 1));

        // The next run (another seed) replays the same level with texts of its own too.
        RequestFactory nextRun = new RequestFactory(WordPrompts.estimated(4), null, true, 1,
                new RequestSource.FromTrace(trace, List.of(1.0)), Conversation.SINGLE_TURN, 0);
        assertThat(nextRun.build(ignored, 0).prompt()).doesNotStartWith(block7.substring(0, 40));
        assertThat(nextRun.build(ignored, 1).prompt())
                .startsWith(nextRun.build(ignored, 0).prompt().substring(0, 512 * 4 - 1));
    }

    @Test
    void sharedPrefixesGoByGroupAndEachRequestKeepsTextOfItsOwn() {
        RequestFactory factory = new RequestFactory(PROMPTS, null, true, 1,
                new RequestSource.SharedPrefixes(2, 50), Conversation.SINGLE_TURN, 0);
        Workload workload = new Workload(80, 10, 0);

        List<String> prompts = List.of(factory.build(workload, 0).prompt(), factory.build(workload, 1).prompt(),
                factory.build(workload, 2).prompt(), factory.build(workload, 3).prompt());

        assertThat(prompts).allSatisfy(p -> assertThat(words(p)).isEqualTo(80));
        String group0 = prompts.get(0).substring(0, 50 * 4 - 1);
        String group1 = prompts.get(1).substring(0, 50 * 4 - 1);
        assertThat(group0).isNotEqualTo(group1);
        assertThat(prompts.get(2)).startsWith(group0).isNotEqualTo(prompts.get(0));
        assertThat(prompts.get(3)).startsWith(group1).isNotEqualTo(prompts.get(1));
        // Another run's seed gives other shared prefixes: the groups share within a run, not with earlier runs.
        RequestFactory nextRun = new RequestFactory(WordPrompts.estimated(4), null, true, 1,
                new RequestSource.SharedPrefixes(2, 50), Conversation.SINGLE_TURN, 0);
        assertThat(nextRun.build(workload, 0).prompt()).doesNotStartWith(group0.substring(0, 40));
    }
}
