package evalhttp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Shared incremental SSE line parser used by every client (so parsing cost is identical). */
final class SseParser {
    private byte[] line = new byte[512];
    private int len;
    private final byte[] scratch = new byte[16384];
    int events;          // data events other than [DONE]
    boolean done;        // saw data: [DONE]
    long firstEventNs;   // time first data event was parsed (TTFT-like)
    long sink;           // defeat dead-code elimination

    void reset() { len = 0; events = 0; done = false; firstEventNs = 0; }

    void feed(byte[] b, int off, int n) {
        for (int i = off, end = off + n; i < end; i++) {
            byte c = b[i];
            if (c == '\n') { line(); len = 0; }
            else {
                if (len == line.length) line = java.util.Arrays.copyOf(line, len * 2);
                line[len++] = c;
            }
        }
    }

    void feed(ByteBuffer bb) {
        if (bb.hasArray()) {
            feed(bb.array(), bb.arrayOffset() + bb.position(), bb.remaining());
            bb.position(bb.limit());
        } else {
            while (bb.hasRemaining()) {
                int n = Math.min(bb.remaining(), scratch.length);
                bb.get(scratch, 0, n);
                feed(scratch, 0, n);
            }
        }
    }

    void feed(io.netty.buffer.ByteBuf buf) {
        while (buf.isReadable()) {
            int n = Math.min(buf.readableBytes(), scratch.length);
            buf.readBytes(scratch, 0, n);
            feed(scratch, 0, n);
        }
    }

    private void line() {
        int n = len;
        if (n > 0 && line[n - 1] == '\r') n--;
        if (n >= 6 && line[0] == 'd' && line[1] == 'a' && line[2] == 't' && line[3] == 'a' && line[4] == ':' && line[5] == ' ') {
            String payload = new String(line, 6, n - 6, StandardCharsets.UTF_8);
            if (payload.equals("[DONE]")) { done = true; return; }
            if (firstEventNs == 0) firstEventNs = System.nanoTime();
            events++;
            sink += payload.length();
        }
    }
}
