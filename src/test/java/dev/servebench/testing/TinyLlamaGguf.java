package dev.servebench.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the random-weight Llama model of {@code ../shared/peers/make_tiny_gguf.py --preset 18m} in Java,
 * because that 42 MB file is too big to commit and the script needs numpy and gguf-py, which CI cannot
 * install. Everything llama-server reads besides the weights is the same byte for byte as the script's
 * output (GGUF v3 header, metadata in the same order with the same types, the same 32,000-token vocabulary,
 * tensor infos and offsets), so tokenization, chat templating and timing match the shared model; the
 * weights are a different draw of the same distribution (seeded gaussian * 0.02, as F16), so the
 * gibberish the model writes differs.
 *
 * <p>Byte layout as gguf-py's {@code GGUFWriter} writes it: everything little-endian; strings are a u64
 * byte length and UTF-8 bytes; tensor dimensions in ggml order (numpy shape reversed); tensor data
 * offsets relative to the data section, which starts at the next multiple of 32 after the tensor infos,
 * each tensor padded to 32.
 */
public final class TinyLlamaGguf {
    public static final int VOCAB_SIZE = 32_000;
    public static final int CONTEXT_LENGTH = 4096;
    private static final int ALIGNMENT = 32;
    private static final float STD = 0.02f;
    private static final long SEED = 0;

    /** The script's {@code PRESETS["18m"]}: (n_layer, n_embd, n_head, n_head_kv, n_ff). */
    public record Shape(String name, int layers, int embedding, int heads, int kvHeads, int feedForward) {
        int headDim() {
            return embedding / heads;
        }
    }

    public static final Shape TINY_18M = new Shape("18m", 6, 256, 4, 2, 688);

    static final String LLAMA2_CHAT_TEMPLATE = "{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}"
            + "{% set system_message = messages[0]['content'] %}{% else %}{% set loop_messages = messages %}"
            + "{% set system_message = false %}{% endif %}{% for message in loop_messages %}"
            + "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
            + "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
            + "{% if loop.index0 == 0 and system_message != false %}"
            + "{% set content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}"
            + "{% else %}{% set content = message['content'] %}{% endif %}"
            + "{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}"
            + "{% elif message['role'] == 'assistant' %}{{ ' '  + content.strip() + ' ' + eos_token }}{% endif %}{% endfor %}";

    private static final String COMMON_WORDS = """
            the of and to in is you that it he was for on are as with his they at be this have from
            or one had by word but not what all were we when your can said there use an each which she do how their if
            will up other about out many then them these so some her would make like him into time has look two more
            write go see number no way could people my than first water been call who oil its now find long down day did
            get come made may part hello world model token server request response stream chat user assistant system
            benchmark test random prompt output input latency throughput""";

    /** SentencePiece's word-boundary marker. */
    private static final String SPACE = "\u2581";
    /** Python's string.ascii_lowercase + ascii_uppercase + digits + punctuation, in that order. */
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String CHARS = LOWER + LOWER.toUpperCase(java.util.Locale.ROOT) + "0123456789"
            + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /** gguf-py's TokenType values. */
    static final int NORMAL = 1, UNKNOWN = 2, CONTROL = 3, BYTE = 6;

    /** gguf's value types and ggml's tensor types used here. */
    private static final int T_UINT32 = 4, T_INT32 = 5, T_FLOAT32 = 6, T_BOOL = 7, T_STRING = 8, T_ARRAY = 9;
    private static final int GGML_F32 = 0, GGML_F16 = 1;
    private static final int MOSTLY_F16 = 1;

    private TinyLlamaGguf() {
    }

    /** The script's build_vocab: control and byte tokens, then pieces ranked by descending score. */
    public record Vocab(List<String> tokens, float[] scores, int[] types) {
    }

    public static Vocab buildVocab(int size) {
        List<String> tokens = new ArrayList<>(size);
        float[] scores = new float[size];
        int[] types = new int[size];
        var seen = new java.util.HashSet<String>();
        // The script's add(): skips duplicates and stops at the vocabulary size.
        record Adder(List<String> tokens, float[] scores, int[] types, java.util.Set<String> seen, int size) {
            void add(String text, float score, int type) {
                if (tokens.size() >= size || !seen.add(text)) {
                    return;
                }
                scores[tokens.size()] = score;
                types[tokens.size()] = type;
                tokens.add(text);
            }
        }
        Adder adder = new Adder(tokens, scores, types, seen, size);
        adder.add("<unk>", 0f, UNKNOWN);
        adder.add("<s>", 0f, CONTROL);
        adder.add("</s>", 0f, CONTROL);
        for (int b = 0; b < 256; b++) {
            adder.add("<0x%02X>".formatted(b), 0f, BYTE);
        }

        // Insertion order is the rank; repeated pieces are skipped below, as in the script.
        List<String> pieces = new ArrayList<>();
        pieces.add(SPACE);
        CHARS.chars().forEach(c -> pieces.add(SPACE + (char) c));
        CHARS.chars().forEach(c -> pieces.add(String.valueOf((char) c)));
        for (String w : COMMON_WORDS.strip().split("\\s+")) {
            // every prefix, so SentencePiece's pair merges can reach the full word
            for (int i = 1; i <= w.length(); i++) {
                pieces.add(SPACE + w.substring(0, i));
                pieces.add(w.substring(0, i));
            }
        }
        List<String> bigrams = new ArrayList<>();
        for (char a : LOWER.toCharArray()) {
            for (char b : LOWER.toCharArray()) {
                bigrams.add("" + a + b);
            }
        }
        bigrams.forEach(b -> pieces.add(SPACE + b));
        pieces.addAll(bigrams);
        for (String ab : bigrams) {
            for (char c : LOWER.toCharArray()) {
                pieces.add(SPACE + ab + c);
                pieces.add(ab + c);
            }
        }

        int rank = 0;
        for (String p : pieces) {
            if (tokens.size() >= size) {
                break;
            }
            if (seen.contains(p)) {
                continue;
            }
            // -(float) rank, not (float) -rank: the script's first score is -0.0, and the bytes must match.
            adder.add(p, -(float) rank, NORMAL);
            rank++;
        }
        if (tokens.size() != size) {
            throw new IllegalStateException("vocabulary has " + tokens.size() + " tokens, wanted " + size);
        }
        return new Vocab(List.copyOf(tokens), scores, types);
    }

    /** One tensor: name, numpy shape (row-major, outermost first) and whether it is an all-ones F32 norm. */
    private record Tensor(String name, boolean norm, long... shape) {
        long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        long bytes() {
            return elements() * (norm ? 4 : 2);
        }
    }

    private static List<Tensor> tensors(Shape s) {
        int kv = s.kvHeads() * s.headDim();
        List<Tensor> list = new ArrayList<>();
        list.add(new Tensor("token_embd.weight", false, VOCAB_SIZE, s.embedding()));
        for (int i = 0; i < s.layers(); i++) {
            String p = "blk." + i + ".";
            list.add(new Tensor(p + "attn_norm.weight", true, s.embedding()));
            list.add(new Tensor(p + "attn_q.weight", false, s.embedding(), s.embedding()));
            list.add(new Tensor(p + "attn_k.weight", false, kv, s.embedding()));
            list.add(new Tensor(p + "attn_v.weight", false, kv, s.embedding()));
            list.add(new Tensor(p + "attn_output.weight", false, s.embedding(), s.embedding()));
            list.add(new Tensor(p + "ffn_norm.weight", true, s.embedding()));
            list.add(new Tensor(p + "ffn_gate.weight", false, s.feedForward(), s.embedding()));
            list.add(new Tensor(p + "ffn_up.weight", false, s.feedForward(), s.embedding()));
            list.add(new Tensor(p + "ffn_down.weight", false, s.embedding(), s.feedForward()));
        }
        list.add(new Tensor("output_norm.weight", true, s.embedding()));
        list.add(new Tensor("output.weight", false, VOCAB_SIZE, s.embedding()));
        return list;
    }

    /** Writes the 18m model to {@code out} (replacing it); returns the number of bytes written. */
    public static long write(Path out) throws IOException {
        return write(out, TINY_18M, SEED);
    }

    public static long write(Path out, Shape shape, long seed) throws IOException {
        try (var os = new GgufOut(new BufferedOutputStream(Files.newOutputStream(out), 1 << 20))) {
            List<Tensor> tensors = tensors(shape);
            writeHeader(os, shape, tensors);
            writeData(os, tensors, new SplittableRandom(seed));
            return os.position;
        }
    }

    /** The size {@link #write(Path)} produces, to tell a complete file from a stale or partial one. */
    public static long fileSize() {
        try (var counter = new GgufOut(OutputStream.nullOutputStream())) {
            List<Tensor> tensors = tensors(TINY_18M);
            writeHeader(counter, TINY_18M, tensors);
            return counter.position + tensors.stream().mapToLong(t -> pad(t.bytes())).sum();
        } catch (IOException e) {
            throw new AssertionError("a null stream does not fail", e);
        }
    }

    private static long pad(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** Header, metadata and tensor infos, padded to the start of the data section. */
    private static void writeHeader(GgufOut os, Shape s, List<Tensor> tensors) throws IOException {
        Vocab vocab = buildVocab(VOCAB_SIZE);
        os.raw("GGUF".getBytes(StandardCharsets.US_ASCII));
        os.u32(3);
        os.u64(tensors.size());
        os.u64(23); // the number of kv() calls below
        String arch = "llama";
        // The order of GGUFWriter's add_* calls in the script; the writer puts general.architecture first.
        os.kv("general.architecture", T_STRING).string(arch);
        os.kv("general.name", T_STRING).string("tiny-llama-" + s.name() + "-random");
        os.kv(arch + ".vocab_size", T_UINT32).u32(VOCAB_SIZE);
        os.kv(arch + ".context_length", T_UINT32).u32(CONTEXT_LENGTH);
        os.kv(arch + ".embedding_length", T_UINT32).u32(s.embedding());
        os.kv(arch + ".block_count", T_UINT32).u32(s.layers());
        os.kv(arch + ".feed_forward_length", T_UINT32).u32(s.feedForward());
        os.kv(arch + ".attention.head_count", T_UINT32).u32(s.heads());
        os.kv(arch + ".attention.head_count_kv", T_UINT32).u32(s.kvHeads());
        os.kv(arch + ".rope.dimension_count", T_UINT32).u32(s.headDim());
        os.kv(arch + ".rope.freq_base", T_FLOAT32).f32(10000f);
        os.kv(arch + ".attention.layer_norm_rms_epsilon", T_FLOAT32).f32(1e-5f);
        os.kv("general.file_type", T_UINT32).u32(MOSTLY_F16);
        os.kv("tokenizer.ggml.model", T_STRING).string("llama");
        os.kv("tokenizer.ggml.tokens", T_ARRAY).array(T_STRING, VOCAB_SIZE);
        for (String t : vocab.tokens()) {
            os.string(t);
        }
        os.kv("tokenizer.ggml.scores", T_ARRAY).array(T_FLOAT32, VOCAB_SIZE);
        for (float f : vocab.scores()) {
            os.f32(f);
        }
        // gguf-py packs Python ints in an array as INT32
        os.kv("tokenizer.ggml.token_type", T_ARRAY).array(T_INT32, VOCAB_SIZE);
        for (int t : vocab.types()) {
            os.u32(t);
        }
        os.kv("tokenizer.ggml.unknown_token_id", T_UINT32).u32(0);
        os.kv("tokenizer.ggml.bos_token_id", T_UINT32).u32(1);
        os.kv("tokenizer.ggml.eos_token_id", T_UINT32).u32(2);
        os.kv("tokenizer.ggml.add_bos_token", T_BOOL).u8(1);
        os.kv("tokenizer.ggml.add_eos_token", T_BOOL).u8(0);
        os.kv("tokenizer.chat_template", T_STRING).string(LLAMA2_CHAT_TEMPLATE);
        if (os.kvCount != 23) {
            throw new IllegalStateException("header says 23 keys but " + os.kvCount + " were written");
        }

        long offset = 0;
        for (Tensor t : tensors) {
            os.string(t.name());
            os.u32(t.shape().length);
            for (int j = t.shape().length - 1; j >= 0; j--) {
                os.u64(t.shape()[j]); // ggml order: innermost dimension first
            }
            os.u32(t.norm() ? GGML_F32 : GGML_F16);
            os.u64(offset);
            offset += pad(t.bytes());
        }
        os.padTo(ALIGNMENT);
    }

    private static void writeData(GgufOut os, List<Tensor> tensors, SplittableRandom random) throws IOException {
        byte[] chunk = new byte[1 << 16];
        for (Tensor t : tensors) {
            long remaining = t.elements();
            int width = t.norm() ? 4 : 2;
            while (remaining > 0) {
                int n = (int) Math.min(remaining, chunk.length / width);
                for (int i = 0; i < n; i++) {
                    if (t.norm()) {
                        putLe(chunk, i * 4, Float.floatToRawIntBits(1f), 4);
                    } else {
                        float value = (float) random.nextGaussian() * STD;
                        putLe(chunk, i * 2, Float.floatToFloat16(value), 2);
                    }
                }
                os.raw(chunk, n * width);
                remaining -= n;
            }
            os.padTo(ALIGNMENT);
        }
    }

    private static void putLe(byte[] b, int at, int value, int width) {
        for (int i = 0; i < width; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }

    /** A little-endian writer that knows its position, for GGUF's alignment padding. */
    private static final class GgufOut implements AutoCloseable {
        private final OutputStream out;
        private final byte[] scratch = new byte[8];
        long position;
        int kvCount;

        GgufOut(OutputStream out) {
            this.out = out;
        }

        void raw(byte[] b) throws IOException {
            raw(b, b.length);
        }

        void raw(byte[] b, int length) throws IOException {
            out.write(b, 0, length);
            position += length;
        }

        GgufOut u8(int v) throws IOException {
            out.write(v);
            position++;
            return this;
        }

        GgufOut u32(long v) throws IOException {
            putLe(scratch, 0, (int) v, 4);
            raw(scratch, 4);
            return this;
        }

        GgufOut u64(long v) throws IOException {
            putLe(scratch, 0, (int) v, 4);
            putLe(scratch, 4, (int) (v >>> 32), 4);
            raw(scratch, 8);
            return this;
        }

        GgufOut f32(float v) throws IOException {
            return u32(Float.floatToRawIntBits(v));
        }

        GgufOut string(String s) throws IOException {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            u64(utf8.length);
            raw(utf8);
            return this;
        }

        /** A key and its value type; the caller writes the value. */
        GgufOut kv(String key, int valueType) throws IOException {
            kvCount++;
            string(key);
            return u32(valueType);
        }

        /** An array's element type and length; the caller writes the elements. */
        GgufOut array(int elementType, long length) throws IOException {
            u32(elementType);
            return u64(length);
        }

        void padTo(int alignment) throws IOException {
            while (position % alignment != 0) {
                u8(0);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
