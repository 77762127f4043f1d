package dev.servebench.client;

import dev.servebench.BadInputException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An HTTP/1.1 request's line and headers, encoded once: every request of a benchmark has the same
 * ones but for its {@code Content-Length}, and encoding them through Netty's header map and encoder
 * for each request cost more than the rest of sending it (issue #15). The encoding follows RFC 9112:
 * {@code METHOD SP path SP HTTP/1.1 CRLF}, then {@code name: value CRLF} per header.
 */
final class RequestHead {
    private static final byte[] CONTENT_LENGTH = "content-length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final byte[] prefix;
    private final boolean hasBody;

    private RequestHead(byte[] prefix, boolean hasBody) {
        this.prefix = prefix;
        this.hasBody = hasBody;
    }

    /**
     * The head of {@code method path} to {@code host}, keeping the connection alive, with
     * {@code headers}. Refuses a name or value that would end the header early or start another
     * (CR, LF, NUL; a name with spaces or a colon): a key pasted with its line end must not split
     * the request.
     */
    static RequestHead of(String method, String path, String host, Map<String, String> headers, boolean hasBody) {
        StringBuilder text = new StringBuilder(128);
        text.append(method).append(' ').append(checkedPath(path)).append(" HTTP/1.1\r\n");
        text.append("host: ").append(host).append("\r\n");
        text.append("connection: keep-alive\r\n");
        headers.forEach((name, value) -> text.append(checkedName(name)).append(": ")
                .append(checkedValue(name, value)).append("\r\n"));
        if (!hasBody) {
            text.append("\r\n");
        }
        return new RequestHead(text.toString().getBytes(StandardCharsets.UTF_8), hasBody);
    }

    /** The whole head's length for a body of {@code bodyLength} bytes (none when the request has no body). */
    private int length(int bodyLength) {
        return hasBody ? prefix.length + CONTENT_LENGTH.length + digits(bodyLength) + END.length : prefix.length;
    }

    /** The request, head and body, in one buffer from {@code alloc} (direct, for the native transport). */
    ByteBuf encode(ByteBufAllocator alloc, byte[] body) {
        ByteBuf out = alloc.buffer(length(body.length) + body.length);
        out.writeBytes(prefix);
        if (hasBody) {
            out.writeBytes(CONTENT_LENGTH);
            int n = digits(body.length);
            int at = out.writerIndex();
            out.writerIndex(at + n);
            for (int k = n - 1, v = body.length; k >= 0; k--, v /= 10) {
                out.setByte(at + k, '0' + v % 10);
            }
            out.writeBytes(END);
            out.writeBytes(body);
        }
        return out;
    }

    private static int digits(int v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    private static String checkedPath(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c == 0x7F) {
                throw new BadInputException("the request path has a space or control character, which HTTP "
                        + "does not allow there; percent-encode it");
            }
        }
        return path;
    }

    private static String checkedName(String name) {
        if (name.isEmpty()) {
            throw new BadInputException("an HTTP header needs a name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7F || c == ':') {
                throw new BadInputException("HTTP header name '" + name + "' has a character a name may not have");
            }
        }
        return name;
    }

    /** The value is not shown: it may be a key. */
    private static String checkedValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c >= 0x7F) {
                throw new BadInputException("the value of HTTP header " + name
                        + " has a line break, a control character or a non-ASCII character; check what was pasted");
            }
        }
        return value;
    }
}
