package dev.servebench.eval;

/** Option letters of multiple-choice questions: A for the first option, up to J (MMLU-Pro has ten). */
final class ChoiceLetters {
    static final int MAX_OPTIONS = 10;

    private ChoiceLetters() {
    }

    static String letter(int index) {
        if (index < 0 || index >= MAX_OPTIONS) {
            throw new IllegalArgumentException("option index " + index + " outside 0.." + (MAX_OPTIONS - 1));
        }
        return String.valueOf((char) ('A' + index));
    }
}
