package dev.servebench.sim.server;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.util.ArrayList;
import java.util.List;

/** The text of a response's tokens, JSON-escaped: the simulator's filler words, or an oracle's scripted answer. */
@FunctionalInterface
interface AnswerText {
    /** The usual output: four characters a token, meaning nothing. */
    AnswerText FILLER = ChunkWriter::token;

    String token(int index);

    /** {@code text} as tokens of four characters (the simulator's tokenizer), then nothing. */
    static Scripted scripted(String text) {
        List<String> pieces = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int end = text.offsetByCodePoints(at, Math.min(4, text.codePointCount(at, text.length())));
            pieces.add(new String(JsonStringEncoder.getInstance().quoteAsString(text.substring(at, end))));
            at = end;
        }
        return new Scripted(pieces.isEmpty() ? List.of("") : pieces);
    }

    /** A scripted answer: its pieces, then empty tokens if a forced length asks for more. */
    record Scripted(List<String> pieces) implements AnswerText {
        public Scripted {
            pieces = List.copyOf(pieces);
        }

        @Override
        public String token(int index) {
            return index < pieces.size() ? pieces.get(index) : "";
        }

        /** Where the model stops on its own: after the last piece. */
        int length() {
            return pieces.size();
        }
    }
}
