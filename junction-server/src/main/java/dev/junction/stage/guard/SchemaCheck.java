package dev.junction.stage.guard;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.junction.config.GuardPolicy;
import dev.junction.config.GuardSchema;
import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.GatewayError;
import dev.junction.model.ResponseFormat;
import dev.junction.model.ToolDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The JSON-schema checks of a request's output policies on its complete answer (assembled, for a stream): each
 * choice's text must be one JSON document valid against the schema, or each tool call's arguments against theirs. A
 * check whose schema is the request's own is skipped when the request has none (no {@code response_format} schema,
 * or no definition of the called tool). A failure is a {@code SCHEMA_VIOLATION} hit, flagged when the policy's action
 * for it (or for the check's name) is {@code flag} and blocking otherwise; the refusal names the first failing
 * location and keyword, never a value of the answer. One instance per request (it compiles the request's schemas
 * once); not thread safe.
 */
final class SchemaCheck {

    /** What the checks found: the hits, and the refusal when one blocked. */
    record Outcome(List<GuardHit> hits, Optional<GatewayError> refusal) {
    }

    /** The parts of an answer the checks read. */
    record Answer(List<String> texts, List<ContentPart.ToolCall> calls) {
    }

    private final List<GuardPolicy> policies;
    private final ChatRequest request;
    private final Map<String, Optional<Schema>> compiled = new HashMap<>();

    SchemaCheck(List<GuardPolicy> policies, ChatRequest request) {
        this.policies = policies.stream().filter(p -> !p.schemas().isEmpty()).toList();
        this.request = request;
    }

    /** Whether any of {@code policies} has a JSON-schema check. */
    static boolean needed(List<GuardPolicy> policies) {
        return policies.stream().anyMatch(p -> !p.schemas().isEmpty());
    }

    /** Whether any policy that checks wants a stream held back until the checks pass. */
    boolean buffers() {
        return policies.stream().anyMatch(GuardPolicy::buffer);
    }

    Outcome check(Answer answer) {
        List<GuardHit> hits = new ArrayList<>();
        for (GuardPolicy policy : policies) {
            for (GuardSchema check : policy.schemas()) {
                Optional<String> failure = failure(check, answer);
                if (failure.isEmpty()) {
                    continue;
                }
                boolean flag = policy.actionFor(GuardSchema.VIOLATION, check.name()) == GuardPolicy.Action.FLAG;
                hits.add(new GuardHit(policy.name(), check.name(), GuardSchema.VIOLATION,
                        flag ? GuardPolicy.Action.FLAG : GuardPolicy.Action.BLOCK, GuardPolicy.Direction.OUTPUT));
                if (!flag) {
                    return new Outcome(hits, Optional.of(GuardStage.blocked("The answer was blocked by guardrail "
                            + "policy '" + policy.name() + "': " + GuardSchema.VIOLATION + " found in the output ("
                            + failure.get() + ").")));
                }
            }
        }
        return new Outcome(hits, Optional.empty());
    }

    /** Why {@code answer} fails {@code check}, if it does. */
    private Optional<String> failure(GuardSchema check, Answer answer) {
        if (check.target() == GuardSchema.Target.CONTENT) {
            Optional<Schema> schema = check.schema().or(() -> requestSchema("response_format", () -> request
                    .responseFormat().filter(f -> f instanceof ResponseFormat.JsonSchema)
                    .map(f -> ((ResponseFormat.JsonSchema) f).schema())));
            if (schema.isEmpty()) {
                return Optional.empty();
            }
            for (String text : answer.texts()) {
                Optional<String> failure = invalid(schema.get(), text, "the content");
                if (failure.isPresent()) {
                    return failure;
                }
            }
            return Optional.empty();
        }
        for (ContentPart.ToolCall call : answer.calls()) {
            Optional<Schema> schema = check.schema().or(() -> requestSchema("tool " + call.name(), () -> request
                    .tools().stream().filter(t -> t.name().equals(call.name())).findFirst()
                    .map(ToolDefinition::parameters)));
            if (schema.isPresent()) {
                String arguments = call.arguments().isBlank() ? "{}" : call.arguments();
                Optional<String> failure = invalid(schema.get(), arguments, "the arguments of " + call.name());
                if (failure.isPresent()) {
                    return failure;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Schema> requestSchema(String key, java.util.function.Supplier<Optional<JsonNode>> source) {
        return compiled.computeIfAbsent(key, k -> source.get().filter(JsonNode::isObject).flatMap(node -> {
            try {
                return Optional.of(GuardSchema.compile(node));
            } catch (RuntimeException e) {
                return Optional.empty(); // a schema the validator cannot read is the upstream's business
            }
        }));
    }

    private static Optional<String> invalid(Schema schema, String text, String what) {
        Optional<JsonNode> json = Json.tryParse(text.strip());
        if (json.isEmpty()) {
            return Optional.of(what + " is not JSON");
        }
        List<Error> errors = schema.validate(json.get());
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        Error first = errors.getFirst();
        String property = first.getProperty() == null ? "" : " " + first.getProperty();
        String at = String.valueOf(first.getInstanceLocation());
        return Optional.of(what + " at " + (at.isEmpty() ? "/" : at) + ": " + first.getKeyword() + property);
    }
}
