package dev.servebench.bench;

import dev.servebench.BadInputException;

import java.time.Duration;

/**
 * How many turns each closed-loop user's conversation has: every turn sends the whole history
 * again (the API is stateless) plus a new user message, after the previous answer and a think time.
 *
 * @param turns     turns per conversation; 1 is a request on its own
 * @param thinkTime the pause between an answer and the user's next turn
 */
public record Conversation(int turns, Duration thinkTime) {
    public static final Conversation SINGLE_TURN = new Conversation(1, Duration.ZERO);

    public Conversation {
        if (turns < 1) {
            throw new BadInputException("--turns must be at least 1, got " + turns);
        }
        if (thinkTime.isNegative()) {
            throw new BadInputException("--think-time must not be negative, got " + thinkTime);
        }
    }

    public boolean multiTurn() {
        return turns > 1;
    }
}
