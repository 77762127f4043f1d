package dev.servebench.eval;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rule that decides whether an answer is right, one per {@link TaskFormat}. */
public sealed interface Grader {

    Grade grade(String answer, String expected);

    /**
     * GSM8K: the number after the last {@code ####} (lm-eval's strict match), else the last number in the answer
     * (its flexible match); equal to the expected number as a decimal ({@code 1,000} = {@code 1000.0}).
     */
    record FinalNumber() implements Grader {
        private static final Pattern NUMBER = Pattern.compile("-?\\$?\\d[\\d,]*(?:\\.\\d+)?");

        @Override
        public Grade grade(String answer, String expected) {
            int marker = answer.lastIndexOf("####");
            String found = marker >= 0 ? firstNumber(answer.substring(marker + 4)) : lastNumber(answer);
            if (found.isEmpty()) {
                return new Grade(false, "");
            }
            BigDecimal got = decimal(found);
            BigDecimal want = decimal(expected);
            return new Grade(got != null && want != null && got.compareTo(want) == 0, found);
        }

        /** The final number of a GSM8K answer field ("... #### 1,200"), or a bare number; empty if it has none. */
        static String expectedOf(String answerField) {
            int marker = answerField.lastIndexOf("####");
            String number = marker >= 0 ? firstNumber(answerField.substring(marker + 4)) : lastNumber(answerField);
            BigDecimal value = number.isEmpty() ? null : decimal(number);
            return value == null ? "" : value.stripTrailingZeros().toPlainString();
        }

        private static String firstNumber(String text) {
            Matcher m = NUMBER.matcher(text);
            return m.find() ? m.group() : "";
        }

        private static String lastNumber(String text) {
            Matcher m = NUMBER.matcher(text);
            String last = "";
            while (m.find()) {
                last = m.group();
            }
            return last;
        }

        private static BigDecimal decimal(String number) {
            try {
                return new BigDecimal(number.replace(",", "").replace("$", ""));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /**
     * MMLU: the option letter after "answer is" / "Answer:" ("The answer is (C)"), else a letter the answer
     * starts with ("C", "(C)", "C. Paris"; not "I think"), else a lone letter in parentheses; right when it is the expected one.
     */
    record ChoiceLetter() implements Grader {
        private static final Pattern STATED = Pattern.compile("[Aa]nswer(?: is)?\\s*:?\\s*\\(?([A-J])(?![A-Za-z])");
        private static final Pattern LEADING = Pattern.compile("^\\s*\\(?([A-J])(?:[.):]|$)");
        private static final Pattern BRACKETED = Pattern.compile("\\(([A-J])\\)");

        @Override
        public Grade grade(String answer, String expected) {
            String letter = first(STATED, answer);
            if (letter.isEmpty()) {
                letter = first(LEADING, answer);
            }
            if (letter.isEmpty()) {
                letter = first(BRACKETED, answer);
            }
            return new Grade(!letter.isEmpty() && letter.equals(expected), letter);
        }

        private static String first(Pattern p, String text) {
            Matcher m = p.matcher(text);
            return m.find() ? m.group(1) : "";
        }
    }

    /** Regular expression: right when the pattern is found anywhere in the answer (Java syntax, as written). */
    record RegexMatch() implements Grader {
        @Override
        public Grade grade(String answer, String expected) {
            Matcher m = Pattern.compile(expected).matcher(answer);
            return m.find() ? new Grade(true, m.group()) : new Grade(false, "");
        }
    }
}
