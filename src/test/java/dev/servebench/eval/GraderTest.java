package dev.servebench.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each grading rule on answers as models write them. */
class GraderTest {
    private final Grader number = new Grader.FinalNumber();
    private final Grader letter = new Grader.ChoiceLetter();
    private final Grader regex = new Grader.RegexMatch();

    @Test
    void finalNumberReadsTheNumberAfterTheLastMarkerElseTheLastNumber() {
        assertThat(number.grade("3*4 = 12 apples, minus 5.\n#### 7", "7")).isEqualTo(new Grade(true, "7"));
        // No marker: the last number of the answer (lm-eval's flexible extraction).
        assertThat(number.grade("First 12, then 12 - 5 = 7. So the answer is 7.", "7").correct()).isTrue();
        assertThat(number.grade("#### 8 (I think; 7 was close)", "7")).isEqualTo(new Grade(false, "8"));
        // Thousands separators, dollar signs and trailing zeros are the same number.
        assertThat(number.grade("#### $1,200.00", "1200").correct()).isTrue();
        assertThat(number.grade("#### -3", "-3").correct()).isTrue();
        assertThat(number.grade("I cannot tell.", "7")).isEqualTo(new Grade(false, ""));
    }

    @Test
    void finalNumberOfAGsm8kAnswerFieldIsItsNumberAfterTheMarker() {
        assertThat(Grader.FinalNumber.expectedOf("48/2 = <<48/2=24>>24\n48+24 = <<48+24=72>>72\n#### 72"))
                .isEqualTo("72");
        assertThat(Grader.FinalNumber.expectedOf("#### 1,000")).isEqualTo("1000");
        assertThat(Grader.FinalNumber.expectedOf("no number here")).isEmpty();
    }

    @Test
    void choiceLetterReadsTheStatedLetterFirstThenALeadingOneThenOneInParentheses() {
        assertThat(letter.grade("The answer is (C).", "C")).isEqualTo(new Grade(true, "C"));
        assertThat(letter.grade("Answer: B", "B").correct()).isTrue();
        assertThat(letter.grade("C. Carbon dioxide", "C").correct()).isTrue();
        assertThat(letter.grade("(D)", "D").correct()).isTrue();
        assertThat(letter.grade("I would pick (A) here", "A").correct()).isTrue();
        assertThat(letter.grade("Between A and B, the answer is B.", "A")).isEqualTo(new Grade(false, "B"));
        assertThat(letter.grade("mercury", "B")).isEqualTo(new Grade(false, ""));
    }

    @Test
    void regexIsRightWhenThePatternIsFoundAnywhere() {
        assertThat(regex.grade("It is Paris, of course.", "(?i)\\bparis\\b")).isEqualTo(new Grade(true, "Paris"));
        assertThat(regex.grade("Lyon", "(?i)\\bparis\\b")).isEqualTo(new Grade(false, ""));
    }
}
