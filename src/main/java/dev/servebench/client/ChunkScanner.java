package dev.servebench.client;

/**
 * Reads the few facts a streamed chunk carries (per choice: the length of its text, its finish
 * reason; the {@code usage} counts) straight from the chunk's UTF-8 bytes, in one pass, without
 * allocating. Creating a Jackson parser per chunk was a third of the client's allocation and its
 * largest CPU item (BENCHMARKS.md, issue #15); this reads a chunk in a fraction of that.
 *
 * <p>It is strict on purpose: whatever it cannot read exactly as {@link ResponseInterpreter}'s
 * Jackson path would, it leaves undecided ({@link #scan} returns false) and that path reads the
 * chunk instead, with its own error reporting. Undecided are: any JSON syntax error, escapes in
 * field names, an {@code error} member or {@code "object":"error"}, counts that are negative or not
 * an {@code int}, choices that are not objects, nesting deeper than {@value #MAX_DEPTH}, and bytes
 * after the object. The caller has already checked that the bytes are well-formed UTF-8 and start
 * with '{'. Not thread-safe: one per response.
 */
final class ChunkScanner {
    static final int MAX_DEPTH = 32;
    /** Longer numbers are left to Jackson, which has its own limit on number length. */
    private static final int MAX_NUMBER_BYTES = 64;
    private static final String[] KNOWN_FINISH_REASONS = {"stop", "length", "tool_calls", "content_filter",
            "function_call", "abort", "eos"};

    private byte[] b;
    private int pos;
    private int end;

    // What the last decided chunk said; valid after scan() returned true.
    private boolean sawChoices;
    private boolean sawUsage;
    /** Whether the usage was an object (not null): one without a whole completion count is unreadable. */
    private boolean usageObject;
    private boolean hasPromptTokens;
    private boolean hasCompletionTokens;
    private int promptTokens;
    private int completionTokens;
    private int choiceCount;
    private int[] contentChars = new int[1];
    private int[] reasoningChars = new int[1];
    private String[] finishReasons = new String[1];
    /** The value of the last string read by {@link #string}: its UTF-16 length, and where its bytes lie. */
    private int stringChars;
    private int stringStart;
    private int stringEnd;
    private boolean stringEscaped;
    /** The value of the last integer read by {@link #number}, or {@link Long#MIN_VALUE} when it was not an int. */
    private long intValue;

    /** True when the chunk was read; false leaves it to the general parser. */
    boolean scan(byte[] bytes, int offset, int length) {
        b = bytes;
        pos = offset;
        end = offset + length;
        sawChoices = false;
        sawUsage = false;
        usageObject = false;
        hasPromptTokens = false;
        hasCompletionTokens = false;
        choiceCount = 0;
        try {
            if (!chunk()) {
                return false;
            }
            skipWhitespace();
            return pos == end;
        } finally {
            b = null;
        }
    }

    boolean sawChoices() {
        return sawChoices;
    }

    boolean sawUsage() {
        return sawUsage;
    }

    /** Whether the chunk's usage was an object (a null usage, as vLLM streams before its last chunk, is not). */
    boolean usageWasObject() {
        return usageObject;
    }

    /** The chunk's {@code usage.prompt_tokens}, or -1 when it had none. */
    int promptTokens() {
        return hasPromptTokens ? promptTokens : -1;
    }

    /** The chunk's {@code usage.completion_tokens}, or -1 when it had none. */
    int completionTokens() {
        return hasCompletionTokens ? completionTokens : -1;
    }

    int choiceCount() {
        return choiceCount;
    }

    /** Choice {@code i}'s {@code content} (or {@code text}) length in UTF-16 units, -1 when absent. */
    int contentChars(int i) {
        return contentChars[i];
    }

    /** Choice {@code i}'s reasoning text length in UTF-16 units, -1 when absent. */
    int reasoningChars(int i) {
        return reasoningChars[i];
    }

    /** Choice {@code i}'s finish reason, or null when it had none (or null). */
    String finishReason(int i) {
        return finishReasons[i];
    }

    private boolean chunk() {
        if (openObject() == END) { // '{', checked by the caller
            return true;
        }
        while (true) {
            if (!name()) {
                return false;
            }
            if (!colon()) {
                return false;
            }
            if (nameIs("choices")) {
                int c = peek();
                if (c == '[') {
                    sawChoices = true;
                    if (!choices()) {
                        return false;
                    }
                } else if (!skipValue(1)) {
                    return false;
                }
            } else if (nameIs("usage")) {
                sawUsage = true;
                if (peek() == '{') {
                    usageObject = true;
                    if (!usage()) {
                        return false;
                    }
                } else if (!skipValue(1)) {
                    return false;
                }
            } else if (nameIs("error")) {
                return false;
            } else if (nameIs("object")) {
                int c = peek();
                if (c == '{' || c == '[') {
                    return false; // Jackson's path reads on inside it; leave that oddity to it
                }
                if (!skipValue(1) || (c == '"' && (stringEscaped || bytesAre(stringStart, stringEnd, "error")))) {
                    return false; // an error object (or an escaped value that might spell one)
                }
            } else if (!skipValue(1)) {
                return false;
            }
            int next = nextMember();
            if (next != MORE) {
                return next == END;
            }
        }
    }

    private boolean choices() {
        pos++; // '['
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return true;
        }
        while (true) {
            if (peek() != '{' || !choice()) {
                return false;
            }
            skipWhitespace();
            int c = next();
            if (c == ']') {
                return true;
            }
            if (c != ',') {
                return false;
            }
            skipWhitespace();
        }
    }

    /** One choice object; its facts go to slot {@link #choiceCount}. */
    private boolean choice() {
        int slot = choiceCount;
        if (slot == contentChars.length) {
            contentChars = java.util.Arrays.copyOf(contentChars, slot * 2);
            reasoningChars = java.util.Arrays.copyOf(reasoningChars, slot * 2);
            finishReasons = java.util.Arrays.copyOf(finishReasons, slot * 2);
        }
        int content = -1;
        int reasoning = -1;
        String finish = null;
        if (openObject() == MORE) {
            while (true) {
                if (!name() || !colon()) {
                    return false;
                }
                if (nameIs("delta") || nameIs("message")) {
                    if (peek() == '{') {
                        // The message's members, as ResponseInterpreter.readChoices reads them.
                        if (openObject() == MORE) {
                            while (true) {
                                if (!name() || !colon()) {
                                    return false;
                                }
                                boolean isContent = nameIs("content");
                                boolean isReasoning = !isContent && (nameIs("reasoning_content") || nameIs("reasoning"));
                                if ((isContent || isReasoning) && peek() == '"') {
                                    if (!string()) {
                                        return false;
                                    }
                                    if (isContent) {
                                        content = stringChars;
                                    } else {
                                        reasoning = reasoning <= 0 ? stringChars : reasoning;
                                    }
                                } else if (!skipValue(3)) {
                                    return false;
                                }
                                int next = nextMember();
                                if (next == BAD) {
                                    return false;
                                }
                                if (next == END) {
                                    break;
                                }
                            }
                        }
                    } else if (!skipValue(2)) {
                        return false;
                    }
                } else if (nameIs("text") && peek() == '"') {
                    if (!string()) {
                        return false;
                    }
                    content = stringChars;
                } else if (nameIs("finish_reason") && peek() == '"') {
                    if (!string()) {
                        return false;
                    }
                    finish = finishReasonText();
                    if (finish == null) {
                        return false;
                    }
                } else if (!skipValue(2)) {
                    return false;
                }
                int next = nextMember();
                if (next == BAD) {
                    return false;
                }
                if (next == END) {
                    break;
                }
            }
        }
        contentChars[slot] = content;
        reasoningChars[slot] = reasoning;
        finishReasons[slot] = finish;
        choiceCount = slot + 1;
        return true;
    }

    private boolean usage() {
        if (openObject() == END) {
            return true;
        }
        while (true) {
            if (!name() || !colon()) {
                return false;
            }
            boolean completion = nameIs("completion_tokens");
            boolean prompt = !completion && nameIs("prompt_tokens");
            int c = peek();
            if ((completion || prompt) && (c == '-' || (c >= '0' && c <= '9'))) {
                if (!number()) {
                    return false;
                }
                if (intValue != Long.MIN_VALUE) {
                    if (intValue < 0 || intValue > Integer.MAX_VALUE) {
                        return false; // Jackson would fail on it or record a negative count
                    }
                    if (completion) {
                        completionTokens = (int) intValue;
                        hasCompletionTokens = true;
                    } else {
                        promptTokens = (int) intValue;
                        hasPromptTokens = true;
                    }
                }
            } else if (!skipValue(2)) {
                return false;
            }
            int next = nextMember();
            if (next != MORE) {
                return next == END;
            }
        }
    }

    /** The finish reason as a String: a shared constant for the usual ones, null when it cannot be read here. */
    private String finishReasonText() {
        if (stringEscaped) {
            return null;
        }
        for (String known : KNOWN_FINISH_REASONS) {
            if (bytesAre(stringStart, stringEnd, known)) {
                return known;
            }
        }
        return new String(b, stringStart, stringEnd - stringStart, java.nio.charset.StandardCharsets.UTF_8);
    }

    // --- JSON grammar (RFC 8259), strictly ---

    /** What follows a member's value: another member, the object's end, or bytes that are not JSON. */
    private static final int MORE = 1;
    private static final int END = 0;
    private static final int BAD = -1;

    /** Consumes an object's '{'; {@link #END} when the object is empty (and consumed whole), else {@link #MORE}. */
    private int openObject() {
        pos++;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return END;
        }
        return MORE;
    }

    /** After a member's value: consumes ',' (and the space after it) or '}'; anything else is {@link #BAD}. */
    private int nextMember() {
        skipWhitespace();
        int c = next();
        if (c == '}') {
            return END;
        }
        if (c != ',') {
            return BAD;
        }
        skipWhitespace();
        return MORE;
    }


    private int nameStart;
    private int nameEnd;

    /** A member name without escapes (an escaped name is left to Jackson, which decodes it). */
    private boolean name() {
        if (peek() != '"') {
            return false;
        }
        if (!string() || stringEscaped) {
            return false;
        }
        nameStart = stringStart;
        nameEnd = stringEnd;
        return true;
    }

    private boolean nameIs(String expected) {
        return bytesAre(nameStart, nameEnd, expected);
    }

    private boolean bytesAre(int from, int to, String ascii) {
        int n = to - from;
        if (n != ascii.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[from + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean colon() {
        skipWhitespace();
        if (next() != ':') {
            return false;
        }
        skipWhitespace();
        return true;
    }

    /**
     * A string at {@code pos} (its opening quote); sets its UTF-16 length and byte range. Counts as
     * Jackson decodes: an escape is one unit, a 4-byte UTF-8 sequence two (a surrogate pair).
     */
    private boolean string() {
        pos++; // '"'
        int start = pos;
        int chars = 0;
        boolean escaped = false;
        while (pos < end) {
            int c = b[pos] & 0xFF;
            if (c == '"') {
                stringStart = start;
                stringEnd = pos;
                stringChars = chars;
                stringEscaped = escaped;
                pos++;
                return true;
            }
            if (c == '\\') {
                escaped = true;
                if (pos + 1 >= end) {
                    return false;
                }
                int e = b[pos + 1];
                if (e == 'u') {
                    if (pos + 6 > end || !hex(b[pos + 2]) || !hex(b[pos + 3]) || !hex(b[pos + 4]) || !hex(b[pos + 5])) {
                        return false;
                    }
                    pos += 6;
                } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r'
                        || e == 't') {
                    pos += 2;
                } else {
                    return false;
                }
                chars++;
            } else if (c < 0x20) {
                return false; // unescaped control character: Jackson refuses it
            } else if (c < 0x80) {
                pos++;
                chars++;
            } else if (c >= 0xF0) {
                pos += 4;
                chars += 2;
            } else if (c >= 0xE0) {
                pos += 3;
                chars++;
            } else {
                pos += 2;
                chars++;
            }
        }
        return false;
    }

    private static boolean hex(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** A number at {@code pos}; sets {@link #intValue} when it is an integer that fits a long. */
    private boolean number() {
        int start = pos;
        boolean negative = false;
        if (peek() == '-') {
            negative = true;
            pos++;
        }
        int c = peek();
        long value = 0;
        boolean overflow = false;
        if (c == '0') {
            pos++;
        } else if (c >= '1' && c <= '9') {
            while ((c = peek()) >= '0' && c <= '9') {
                if (value > (Long.MAX_VALUE - 9) / 10) {
                    overflow = true;
                } else {
                    value = value * 10 + (c - '0');
                }
                pos++;
            }
        } else {
            return false;
        }
        boolean integer = true;
        if (peek() == '.') {
            integer = false;
            pos++;
            if (!digits()) {
                return false;
            }
        }
        c = peek();
        if (c == 'e' || c == 'E') {
            integer = false;
            pos++;
            c = peek();
            if (c == '+' || c == '-') {
                pos++;
            }
            if (!digits()) {
                return false;
            }
        }
        if (pos - start > MAX_NUMBER_BYTES) {
            return false;
        }
        if (!integer) {
            intValue = Long.MIN_VALUE;
        } else {
            // Too large for a long is too large for an int count too, which the caller refuses.
            intValue = overflow ? Long.MAX_VALUE : (negative ? -value : value);
        }
        return true;
    }

    private boolean digits() {
        int start = pos;
        int c;
        while ((c = peek()) >= '0' && c <= '9') {
            pos++;
        }
        return pos > start;
    }

    /** Skips any value, nested at most {@value #MAX_DEPTH} deep. */
    private boolean skipValue(int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        int c = peek();
        switch (c) {
            case '"' -> {
                return string();
            }
            case '{' -> {
                if (openObject() == END) {
                    return true;
                }
                while (true) {
                    if (peek() != '"' || !string() || !colon() || !skipValue(depth + 1)) {
                        return false;
                    }
                    int next = nextMember();
                    if (next != MORE) {
                        return next == END;
                    }
                }
            }
            case '[' -> {
                pos++;
                skipWhitespace();
                if (peek() == ']') {
                    pos++;
                    return true;
                }
                while (true) {
                    if (!skipValue(depth + 1)) {
                        return false;
                    }
                    skipWhitespace();
                    int n = next();
                    if (n == ']') {
                        return true;
                    }
                    if (n != ',') {
                        return false;
                    }
                    skipWhitespace();
                }
            }
            case 't' -> {
                return literal("true");
            }
            case 'f' -> {
                return literal("false");
            }
            case 'n' -> {
                return literal("null");
            }
            default -> {
                return (c == '-' || (c >= '0' && c <= '9')) && number();
            }
        }
    }

    private boolean literal(String word) {
        int n = word.length();
        if (pos + n > end || !bytesAre(pos, pos + n, word)) {
            return false;
        }
        pos += n;
        // "nullx" is one bad token to Jackson, not null followed by x.
        int c = peek();
        return c == -1 || c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte c = b[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private int peek() {
        return pos < end ? b[pos] & 0xFF : -1;
    }

    private int next() {
        return pos < end ? b[pos++] & 0xFF : -1;
    }
}
