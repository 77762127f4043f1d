package dev.servebench.prompt;

import dev.servebench.BadInputException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Images for vision requests: either the user's URLs in rotation, or inline {@code data:} URIs of
 * generated PNGs (a pool of distinct noise images, so an image cache cannot serve every request).
 */
public final class ImageSource {
    private static final int POOL_SIZE = 16;

    private final List<String> urls;
    /** Set for {@link #uniqueAddresses}: every request gets images of its own under this prefix. */
    private final String uniquePrefix;

    private ImageSource(List<String> urls) {
        this.urls = List.copyOf(urls);
        this.uniquePrefix = null;
    }

    private ImageSource(String uniquePrefix) {
        this.urls = List.of();
        this.uniquePrefix = uniquePrefix;
    }

    /**
     * A distinct address per request and image, never repeated in a run, so no cache can serve one: for the
     * virtual-time simulator, which never fetches them (a real server would have to).
     */
    public static ImageSource uniqueAddresses(String prefix) {
        return new ImageSource(prefix);
    }

    public static ImageSource ofUrls(List<String> urls) {
        if (urls.isEmpty()) {
            throw new BadInputException("give at least one --image-url, or none to use generated images");
        }
        return new ImageSource(urls);
    }

    public static ImageSource generated(int widthPixels, int heightPixels, long seed) {
        List<String> pool = new ArrayList<>(POOL_SIZE);
        for (int i = 0; i < POOL_SIZE; i++) {
            pool.add(pngDataUri(widthPixels, heightPixels, seed + i));
        }
        return new ImageSource(pool);
    }

    /** The {@code n} images for request {@code index}. */
    public List<String> imagesFor(int index, int n) {
        List<String> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            if (uniquePrefix != null) {
                out.add(uniquePrefix + index + "-" + k + ".png");
                continue;
            }
            out.add(urls.get(Math.floorMod(index * 7 + k, urls.size())));
        }
        return out;
    }

    static String pngDataUri(int width, int height, long seed) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(seed);
        // Coarse 8x8 blocks keep the PNG small while still differing per image.
        for (int y = 0; y < height; y += 8) {
            for (int x = 0; x < width; x += 8) {
                int rgb = random.nextInt(0x1000000);
                for (int dy = 0; dy < 8 && y + dy < height; dy++) {
                    for (int dx = 0; dx < 8 && x + dx < width; dx++) {
                        img.setRGB(x + dx, y + dy, rgb);
                    }
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
