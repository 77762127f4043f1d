package dev.servebench.advise.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Strict JSON Schemas of Kubernetes objects, made from the definitions of Kubernetes' own OpenAPI v2 spec that
 * {@code src/test/resources/kubernetes-schema/} ships (its README names the source). The conversion is the one
 * the published "-strict" Kubernetes JSON schemas (openapi2jsonschema --strict) apply, and no more:
 * <ul>
 *   <li>{@code #/definitions/X} becomes {@code #/$defs/X}, for JSON Schema 2020-12;</li>
 *   <li>an object schema that lists its properties and says nothing of others gets
 *       {@code additionalProperties: false}: the API server's strict field validation rejects unknown fields;</li>
 *   <li>IntOrString and Quantity, declared {@code type: string} but decoded by the API server from a JSON number
 *       as well ({@code port: 8000}, {@code amd.com/gpu: 8}), accept a string or a number.</li>
 * </ul>
 * Types are not coerced ({@code typeLoose} off): an {@code args} item written as {@code 8} is an integer, and the
 * API server refuses it where the spec says string.
 */
final class KubernetesSchemas {

    static final String SPEC = "/kubernetes-schema/swagger-v1.20.2-subset.json";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    private static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";

    private final ObjectNode defs;
    /** "apps/v1 Deployment" to the definition's name, from x-kubernetes-group-version-kind. */
    private final Map<String, String> byKind;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().typeLoose(false).build()));
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private KubernetesSchemas(ObjectNode defs, Map<String, String> byKind) {
        this.defs = defs;
        this.byKind = byKind;
    }

    static KubernetesSchemas load() {
        JsonNode spec;
        try (InputStream in = KubernetesSchemas.class.getResourceAsStream(SPEC)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + SPEC);
            }
            spec = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode defs = NODES.objectNode();
        Map<String, String> byKind = new HashMap<>();
        spec.path("definitions").properties().forEach(e -> {
            defs.set(e.getKey(), strict(e.getValue().deepCopy()));
            for (JsonNode gvk : e.getValue().path("x-kubernetes-group-version-kind")) {
                String group = gvk.path("group").asText();
                String apiVersion = group.isEmpty() ? gvk.path("version").asText() : group + "/" + gvk.path("version").asText();
                byKind.put(apiVersion + " " + gvk.path("kind").asText(), e.getKey());
            }
        });
        defs.set(INT_OR_STRING, oneOf("string", "integer"));
        defs.set(QUANTITY, oneOf("string", "number"));
        return new KubernetesSchemas(defs, byKind);
    }

    /** What the schema of the manifest's apiVersion and kind finds wrong with it; empty when it is valid. */
    List<String> problems(JsonNode manifest) {
        String key = manifest.path("apiVersion").asText() + " " + manifest.path("kind").asText();
        String definition = byKind.get(key);
        if (definition == null) {
            return List.of("no schema shipped for '" + key + "': add its definitions to " + SPEC);
        }
        Schema schema = schemas.computeIfAbsent(definition, d -> registry.getSchema(root(d, manifest)));
        return schema.validate(manifest).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                .toList();
    }

    /** The definition, with apiVersion and kind pinned to the values it is registered for. */
    private ObjectNode root(String definition, JsonNode manifest) {
        ObjectNode root = NODES.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("$defs", defs);
        root.put("$ref", "#/$defs/" + definition);
        ObjectNode pinned = root.putObject("properties");
        pinned.putObject("apiVersion").put("const", manifest.path("apiVersion").asText());
        pinned.putObject("kind").put("const", manifest.path("kind").asText());
        root.putArray("required").add("apiVersion").add("kind");
        return root;
    }

    private static JsonNode strict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual()) {
                object.put("$ref", ref.asText().replace("#/definitions/", "#/$defs/"));
            }
            if (object.has("properties") && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.properties().forEach(e -> strict(e.getValue()));
        } else if (node.isArray()) {
            node.forEach(KubernetesSchemas::strict);
        }
        return node;
    }

    private static ObjectNode oneOf(String... types) {
        ObjectNode schema = NODES.objectNode();
        var choices = schema.putArray("oneOf");
        for (String t : types) {
            choices.addObject().put("type", t);
        }
        return schema;
    }
}
