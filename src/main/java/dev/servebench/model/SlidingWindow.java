package dev.servebench.model;

import dev.servebench.BadInputException;

/**
 * Layers whose attention sees only the last {@code window} tokens ({@code layer_types} entries
 * {@code sliding_attention}, window {@code sliding_window}); the other layers attend to the whole context.
 * gpt-oss alternates the two: 18 of its 36 layers slide over 128 tokens.
 *
 * @param window tokens a sliding layer attends to (the current one included)
 * @param slidingLayers how many decoder layers slide
 */
public record SlidingWindow(int window, int slidingLayers) {
    public SlidingWindow {
        if (window <= 0 || slidingLayers <= 0) {
            throw new BadInputException("sliding_window and the number of sliding_attention layers must be positive, got "
                    + window + " and " + slidingLayers);
        }
    }
}
