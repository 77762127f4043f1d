package dev.servebench.client;

import java.util.Arrays;

/**
 * Incremental parser for {@code text/event-stream} bodies (WHATWG HTML, "server-sent events").
 * Feed it bytes as they arrive, in any split; it calls back once per complete event with the
 * event's {@code data} (several {@code data:} lines joined by newlines). Lines may end in CRLF,
 * LF or CR; comment lines (starting with ':') and fields other than {@code data} are ignored.
 *
 * <p>Works on bytes and never decodes text: the delimiters it looks for (CR, LF, ':', space) are
 * ASCII, and no byte of a multi-byte UTF-8 character is ever ASCII, so a character split across
 * two {@link #feed} calls needs no special handling. The data goes to the {@link DataListener} as
 * a byte range, decoded later by whoever reads it (the JSON parser reads UTF-8 itself). When an
 * event's single data line lies whole inside the buffer being fed (the usual case: servers write
 * one event per chunk), the listener gets a range of that very buffer, with no copy at all.
 *
 * <p>Deliberately lenient in one place: an event still open when the stream ends is delivered by
 * {@link #finish()}, because some servers omit the final blank line.
 */
public final class SseEventParser {
    private static final byte[] EMPTY = new byte[0];

    /** Receives one event's data; the bytes belong to the parser or its caller and are only valid during the call. */
    @FunctionalInterface
    public interface DataListener {
        void onData(byte[] bytes, int offset, int length);
    }

    private final DataListener listener;
    /** The start of a line whose end has not arrived yet (carried from one feed to the next). */
    private final GrowableBytes line = new GrowableBytes();
    /** The event's data when it had to be copied (it spans feeds, or has several lines). */
    private final GrowableBytes data = new GrowableBytes();
    /** The event's data while it is still a single line inside the caller's buffer: no copy yet. */
    private byte[] borrowed;
    private int borrowedOffset;
    private int borrowedLength;
    private boolean hasData;
    private boolean lastByteWasCr;

    public SseEventParser(DataListener listener) {
        this.listener = listener;
    }

    /** The caller may reuse {@code buffer} once this returns: nothing the parser keeps points into it. */
    public void feed(byte[] buffer, int offset, int length) {
        int end = offset + length;
        int lineStart = offset;
        while (lineStart < end) {
            int eol = Bytes.indexOfLineEnd(buffer, lineStart, end);
            if (eol < 0) {
                lastByteWasCr = false;
                break;
            }
            // The byte before this one was a CR only if no other byte came between (the line is empty).
            boolean lfAfterCr = buffer[eol] == '\n' && eol == lineStart && lastByteWasCr;
            lastByteWasCr = buffer[eol] == '\r';
            if (!lfAfterCr) {
                if (line.length == 0) {
                    processLine(buffer, lineStart, eol - lineStart, true);
                } else {
                    line.append(buffer, lineStart, eol - lineStart);
                    processLine(line.bytes, 0, line.length, false);
                    line.length = 0;
                }
            }
            lineStart = eol + 1;
        }
        // The caller will reuse its buffer: an event still open must own its bytes from here on.
        keepBorrowedData();
        if (lineStart < end) {
            line.append(buffer, lineStart, end - lineStart);
        }
    }

    /** Signals end of stream; delivers a trailing event that had no blank line after it. */
    public void finish() {
        if (line.length > 0) {
            processLine(line.bytes, 0, line.length, false);
            line.length = 0;
        }
        dispatch();
    }

    /** {@code mayBorrow}: the line lies in the caller's buffer and stays valid until this feed returns. */
    private void processLine(byte[] bytes, int offset, int length, boolean mayBorrow) {
        if (length == 0) {
            dispatch();
            return;
        }
        if (bytes[offset] == ':') {
            return; // comment or keep-alive
        }
        int end = offset + length;
        int colon = offset;
        while (colon < end && bytes[colon] != ':') {
            colon++;
        }
        if (!isDataField(bytes, offset, colon - offset)) {
            return;
        }
        int valueStart = Math.min(colon + 1, end);
        if (valueStart < end && bytes[valueStart] == ' ') {
            valueStart++;
        }
        appendData(bytes, valueStart, end - valueStart, mayBorrow);
    }

    private static boolean isDataField(byte[] bytes, int offset, int length) {
        return length == 4 && bytes[offset] == 'd' && bytes[offset + 1] == 'a' && bytes[offset + 2] == 't'
                && bytes[offset + 3] == 'a';
    }

    private void appendData(byte[] bytes, int offset, int length, boolean mayBorrow) {
        if (!hasData) {
            hasData = true;
            if (mayBorrow) {
                borrowed = bytes;
                borrowedOffset = offset;
                borrowedLength = length;
            } else {
                data.append(bytes, offset, length);
            }
            return;
        }
        keepBorrowedData();
        data.append((byte) '\n');
        data.append(bytes, offset, length);
    }

    private void keepBorrowedData() {
        if (borrowed != null) {
            data.append(borrowed, borrowedOffset, borrowedLength);
            borrowed = null;
        }
    }

    private void dispatch() {
        if (!hasData) {
            return;
        }
        hasData = false;
        byte[] source = borrowed;
        if (source != null) {
            borrowed = null;
            listener.onData(source, borrowedOffset, borrowedLength);
        } else {
            int length = data.length;
            data.length = 0;
            listener.onData(data.bytes, 0, length);
        }
    }

    /** A growable byte array, allocated on first use: most responses never need one. */
    private static final class GrowableBytes {
        byte[] bytes = EMPTY;
        int length;

        void append(byte b) {
            ensureRoom(1);
            bytes[length++] = b;
        }

        void append(byte[] source, int offset, int count) {
            ensureRoom(count);
            System.arraycopy(source, offset, bytes, length, count);
            length += count;
        }

        private void ensureRoom(int extra) {
            int needed = length + extra;
            if (needed > bytes.length) {
                // Doubling keeps a very long line linear in its size; 256 bytes fits a typical chunk.
                bytes = Arrays.copyOf(bytes, Math.max(needed, Math.max(256, bytes.length * 2)));
            }
        }
    }
}
