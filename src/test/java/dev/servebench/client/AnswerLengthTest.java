package dev.servebench.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerLengthTest {
    @Test
    void emptyAnswersAreShortWhetherForcedOrNot() {
        assertThat(AnswerLength.shortfall(0, true, false, 64)).contains("no completion tokens");
        assertThat(AnswerLength.shortfall(0, true, true, 64)).contains("no completion tokens");
    }

    @Test
    void forcedAnswersMustReachTheLengthByTheServersCount() {
        assertThat(AnswerLength.shortfall(63, true, true, 64)).contains("63 completion tokens, 64 forced");
        assertThat(AnswerLength.shortfall(64, true, true, 64)).isEmpty();
        // An estimate from text is too rough to call a forced answer short; an unforced one may end early.
        assertThat(AnswerLength.shortfall(10, false, true, 64)).isEmpty();
        assertThat(AnswerLength.shortfall(10, true, false, 64)).isEmpty();
    }
}
