package dev.servebench.model;

import dev.servebench.BadInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The accelerators in {@code accelerators.json}, by id. */
public final class AcceleratorCatalogue {

    private static final String RESOURCE = "accelerators.json";
    private static final Map<String, Accelerator> BY_ID = load();

    private AcceleratorCatalogue() {
    }

    /** @throws IllegalArgumentException naming the known ids when {@code id} is unknown */
    public static Accelerator get(String id) {
        Accelerator a = BY_ID.get(id.toLowerCase(Locale.ROOT).replace("-", ""));
        if (a == null) {
            throw new BadInputException("unknown GPU '" + id + "'; known: " + String.join(", ", BY_ID.keySet()));
        }
        return a;
    }

    public static Map<String, Accelerator> all() {
        return BY_ID;
    }

    /**
     * Scale-up link and default NIC per GPU of this accelerator's nodes ({@code interconnects.json}).
     *
     * @throws dev.servebench.BadInputException naming the known ids when {@code id} is unknown
     */
    public static Interconnect interconnect(String id) {
        Accelerator a = get(id);
        Interconnect i = Interconnects.BY_ID.get(a.id());
        if (i == null) {
            throw new IllegalStateException(Interconnect.RESOURCE + " has no entry for " + a.id());
        }
        return i;
    }

    /** Every entry of {@code interconnects.json}, by accelerator id. */
    public static Map<String, Interconnect> interconnects() {
        return Interconnects.BY_ID;
    }

    /** Loaded on first use, so the accelerator catalogue does not depend on the link data. */
    private static final class Interconnects {
        static final Map<String, Interconnect> BY_ID = Interconnect.load();
    }

    private static Map<String, Accelerator> load() {
        try (InputStream in = AcceleratorCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            Map<String, Accelerator> out = new LinkedHashMap<>();
            for (JsonNode n : new ObjectMapper().readTree(in).path("accelerators")) {
                Accelerator a = new Accelerator(n.path("id").asText(), n.path("name").asText(), n.path("vendor").asText(),
                        GpuArch.valueOf(n.path("arch").asText()), n.path("gfx").asText(), n.path("hbm_gb").asDouble(),
                        n.path("runtime_memory_gib").asDouble(), n.path("bandwidth_tb_s").asDouble(),
                        n.path("bf16_tflops").asDouble(), n.path("fp8_tflops").asDouble(), n.path("fp4_tflops").asDouble(),
                        n.path("scale_up_link").asText(), n.path("scale_up_gb_s").asDouble(),
                        KernelStack.valueOf(n.path("kernel_stack").asText().toUpperCase(Locale.ROOT)),
                        n.path("source").asText());
                out.put(a.id(), a);
            }
            return Collections.unmodifiableMap(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
