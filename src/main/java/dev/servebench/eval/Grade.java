package dev.servebench.eval;

/**
 * How one answer was graded.
 *
 * @param extracted what the grader read from the answer (the final number, the letter, the matched text);
 *                  empty when it found nothing
 */
public record Grade(boolean correct, String extracted) {
}
