package dev.servebench.sim.text;

import dev.servebench.BadInputException;
import java.util.Base64;

/**
 * How many prompt tokens an image becomes. A vision encoder cuts the image into patches and merges
 * neighbours ({@code patch × merge} pixels per token side, e.g. 16 × 2 = 32 for Qwen3-VL); the size
 * is read from an inline PNG's header. Remote URLs and other formats are not fetched, so they count
 * as {@code defaultTokens}; {@code fixedTokens} > 0 overrides everything (the study's images were
 * about 1,000–1,400 tokens each).
 *
 * @param pixelsPerTokenSide patch size × spatial merge of the model's vision encoder
 * @param defaultTokens      tokens for an image whose size is unknown
 * @param fixedTokens        when positive, every image counts this many tokens
 */
public record ImageTokens(int pixelsPerTokenSide, int defaultTokens, int fixedTokens) {
    public static final ImageTokens DEFAULT = new ImageTokens(28, 1200, 0);

    public ImageTokens {
        if (pixelsPerTokenSide < 1 || defaultTokens < 1) {
            throw new BadInputException("image token settings must be positive");
        }
    }

    public static ImageTokens fixed(int tokens) {
        return new ImageTokens(28, tokens, tokens);
    }

    public int tokensFor(String url) {
        if (fixedTokens > 0) {
            return fixedTokens;
        }
        int[] size = pngSize(url);
        if (size == null) {
            return defaultTokens;
        }
        long w = (size[0] + pixelsPerTokenSide - 1) / pixelsPerTokenSide;
        long h = (size[1] + pixelsPerTokenSide - 1) / pixelsPerTokenSide;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, w * h));
    }

    private static int[] pngSize(String url) {
        String prefix = "data:image/png;base64,";
        if (url == null || !url.startsWith(prefix) || url.length() < prefix.length() + 32) {
            return null;
        }
        try {
            // Width and height are bytes 16..23 of a PNG (inside IHDR); 32 base64 chars decode 24 bytes.
            byte[] head = Base64.getDecoder().decode(url.substring(prefix.length(), prefix.length() + 32));
            if (head[1] != 'P' || head[2] != 'N' || head[3] != 'G') {
                return null;
            }
            int w = readInt(head, 16);
            int h = readInt(head, 20);
            return w > 0 && h > 0 ? new int[]{w, h} : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
