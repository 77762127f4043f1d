package dev.servebench.results;

import dev.servebench.BadInputException;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The one reader of {@code requests.jsonl}, as {@link RequestLog} writes it for {@link ResultsFolder} and for
 * load workers: one JSON object per line, appended
 * and flushed as each request ends. A power cut, a kill or a full disk can leave the last line
 * incomplete (JSON cut short, often with no newline): that line is skipped and counted, because every
 * line before it was whole when the next one was appended. A bad line with good lines after it was
 * not left by an interrupted append: that is damage, and is refused with the file and line number.
 * A last line that is whole JSON but lacks its newline is read: nothing of it is missing.
 */
public final class RequestsFile {
    /** The file's name in a results folder. */
    public static final String NAME = "requests.jsonl";

    private RequestsFile() {
    }

    /**
     * What a read found.
     *
     * @param lines     lines read (blank lines are not counted)
     * @param tornLines incomplete last lines skipped: 0, or 1 when the file ends in one
     */
    public record Read(long lines, int tornLines) {
    }

    /**
     * Hands every line to {@code sink} in file order (the order the requests ended), as {@link RequestLine}s read by
     * {@link RequestLineReader}: fields a line lacks are absent, fields it does not know are skipped, so every
     * version's lines read. The file is streamed: one line is in memory at a time. A line that is not valid JSON is
     * held back until the next line shows whether it was the last (skipped, counted) or not (refused); a line that
     * is JSON but not an object is counted and not handed over. The sink sees only whole lines.
     *
     * @throws IllegalArgumentException ({@link BadInputException}) when a line that is not the last is not valid
     *                                  JSON
     */
    public static Read read(Path file, Consumer<? super RequestLine> sink) {
        long lines = 0;
        long badLineNumber = 0;
        String badLineError = null;
        // Decoding replaces malformed bytes rather than failing: a cut can split a multi-byte
        // character, and that torn line must reach the JSON check like any other.
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            long number = 0;
            String text;
            while ((text = in.readLine()) != null) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                if (badLineError != null) {
                    throw damaged(file, badLineNumber, badLineError);
                }
                RequestLine line;
                try {
                    line = RequestLineReader.read(text);
                } catch (JsonProcessingException e) {
                    badLineNumber = number;
                    badLineError = firstLine(e.getOriginalMessage());
                    continue;
                }
                lines++;
                if (line != null) {
                    sink.accept(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new Read(lines, badLineError == null ? 0 : 1);
    }

    /** The one line to say when {@code tornLines} were skipped: which file, and that nothing else was. */
    public static String tornLinesNote(Path file, int tornLines) {
        return file + ": skipped " + tornLines + " incomplete last line" + (tornLines == 1 ? "" : "s")
                + " (cut short by a crash, kill, power cut or full disk); every request before it is read";
    }

    private static IllegalArgumentException damaged(Path file, long lineNumber, String error) {
        return new BadInputException(file + " line " + lineNumber + " is not valid JSON (" + error
                + ") yet lines follow it: the file is damaged, not cut short (only an incomplete last line is"
                + " skipped)");
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
