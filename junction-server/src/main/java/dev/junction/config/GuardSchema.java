package dev.junction.config;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A JSON-schema check of structured answers ({@code guardrails.detectors.<name>.json_schema}): the answer's text
 * content, or each tool call's arguments, must be JSON valid against a schema given in the configuration, or against
 * the request's own (its {@code response_format} schema for content, the called tool's parameters for arguments)
 * when the configuration says {@code request}. Runs on answers only. Immutable and thread safe.
 *
 * @param schema the compiled schema; empty when the request's own is used
 */
public record GuardSchema(String name, Optional<Schema> schema, Target target) {

    /** The entity type of a failed check. */
    public static final String VIOLATION = "SCHEMA_VIOLATION";

    /**
     * Compiles schemas (draft 2020-12 unless a schema says otherwise with {@code $schema}); never fetches a remote
     * {@code $ref}: a schema is checked with what it holds, since a request's schema comes from the caller.
     */
    public static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));

    /** What of the answer is checked. */
    public enum Target {
        /** The text of each choice, which must be one JSON document. */
        CONTENT,
        /** The arguments of each tool call. */
        TOOL_ARGUMENTS
    }

    /** Compiles {@code schema}; throws an unchecked exception of the validator for a schema it cannot read. */
    public static Schema compile(JsonNode schema) {
        Schema compiled = REGISTRY.getSchema(schema);
        compiled.initializeValidators();
        return compiled;
    }
}
