package dev.junction.testkit;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * AWS Bedrock's runtime wire format (see {@code wire/others.md §2}); base URL {@code http://host:port} (the
 * {@code base_url} of a Bedrock provider). Every request must be authenticated as Bedrock does: a SigV4 signature
 * (service {@code bedrock}) recomputed here by {@link SigV4Verifier} with the known test credentials
 * ({@link MockUpstream#AWS_ACCESS_KEY_ID}, {@link MockUpstream#AWS_SECRET_ACCESS_KEY}), or the test Bedrock API key
 * as a bearer token; otherwise 403 {@code UnrecognizedClientException} (unknown key) or
 * {@code InvalidSignatureException} (wrong signature, or a date more than five minutes off), with the type in
 * {@code x-amzn-ErrorType}.
 * <ul>
 *   <li>{@code POST /model/{modelId}/converse} and {@code /converse-stream} (AWS event-stream frames): validated like
 *       Bedrock (a {@code messages} array that starts with a user turn and alternates roles, else 400
 *       {@code ValidationException}), then answered by the behaviour;</li>
 *   <li>{@code POST /model/{modelId}/invoke} and {@code /invoke-with-response-stream} with a Claude body
 *       (Anthropic's, without {@code model} and {@code stream}, with {@code anthropic_version: bedrock-2023-05-31}
 *       and betas in {@code anthropic_beta}; anything else a 400 {@code ValidationException}), answered as
 *       {@link BedrockInvokeFormat} does: the Anthropic message, or its events as {@code chunk} frames;</li>
 *   <li>{@code POST /model/{modelId}/invoke} of a Titan ({@code amazon.titan-embed-text-*}) or Cohere
 *       ({@code cohere.embed-*}) embedding model: deterministic vectors, see {@link BedrockEmbeddingsFormat};</li>
 *   <li>anything else under {@code /model/}: 404 {@code UnknownOperationException}.</li>
 * </ul>
 */
final class BedrockWire implements Wire {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private static final String INVOKE = "invoke";
    private static final String INVOKE_STREAM = "invoke-with-response-stream";

    private final Responder responder;
    private final IssuedSignatures signatures;

    BedrockWire(Responder responder, IssuedSignatures signatures) {
        this.responder = responder;
        this.signatures = signatures;
    }

    static boolean serves(String path) {
        return path.startsWith("/model/");
    }

    @Override
    public WireHeaders headers() {
        return WireHeaders.BEDROCK;
    }

    @Override
    public void serve(HttpServerRequest request, JsonNode json, Exchange exchange) {
        throw new UnsupportedOperationException("Bedrock requests are verified over their bytes: use serve(…, body, …)");
    }

    /** Serves one request, {@code body} being its bytes as received (what the signature covers). */
    void serve(HttpServerRequest request, JsonNode json, Buffer body, Exchange exchange) {
        Optional<String> refused = authenticate(request, body.getBytes());
        if (refused.isPresent()) {
            String type = refused.get().startsWith("The security token") ? "UnrecognizedClientException"
                    : "InvalidSignatureException";
            reject(exchange, 403, type, refused.get());
            return;
        }
        String rest = request.path().substring("/model/".length());
        int slash = rest.lastIndexOf('/');
        String operation = slash < 0 ? "" : rest.substring(slash + 1);
        String modelId = slash < 0 ? rest : URLDecoder.decode(rest.substring(0, slash), StandardCharsets.UTF_8);
        boolean invoke = operation.equals(INVOKE) || operation.equals(INVOKE_STREAM);
        if (request.method() != HttpMethod.POST || modelId.isEmpty()
                || !operation.equals("converse") && !operation.equals("converse-stream") && !invoke) {
            reject(exchange, 404, "UnknownOperationException", "The requested operation is not recognized by the service.");
            return;
        }
        boolean titan = modelId.contains("amazon.titan-embed-text");
        if (operation.equals(INVOKE) && (titan || modelId.contains("cohere.embed"))) {
            Optional<String> invalid = json.isObject() ? BedrockEmbeddingsFormat.validate(titan, json)
                    : Optional.of("Malformed input request, please reformat your input and try again.");
            if (invalid.isPresent()) {
                reject(exchange, 400, "ValidationException", invalid.get());
                return;
            }
            responder.answer(exchange, new BedrockEmbeddingsFormat(titan, json, new BedrockFormat(false, 1,
                    exchange.sequence())), "");
            return;
        }
        if (invoke) {
            invokeClaude(json, modelId, operation.equals(INVOKE_STREAM), exchange);
            return;
        }
        Optional<String> invalid = validate(json);
        if (invalid.isPresent()) {
            reject(exchange, 400, "ValidationException", invalid.get());
            return;
        }
        responder.answer(exchange, new BedrockFormat(operation.equals("converse-stream"), inputTokens(json),
                exchange.sequence()), lastUserText(json));
    }

    /**
     * InvokeModel of a Claude model: the body is Anthropic's without {@code model} and {@code stream}, with
     * {@code anthropic_version: bedrock-2023-05-31}; validated like Anthropic validates the rest (thinking
     * signatures included), each refusal a 400 {@code ValidationException}.
     */
    private void invokeClaude(JsonNode json, String modelId, boolean stream, Exchange exchange) {
        Optional<String> invalid = validateInvoke(json);
        if (invalid.isPresent()) {
            reject(exchange, 400, "ValidationException", invalid.get());
            return;
        }
        ObjectNode withModel = ((ObjectNode) json).deepCopy().put("model", modelId);
        invalid = AnthropicRequest.validate(withModel, true).or(() -> AnthropicRequest.checkSignatures(json,
                signatures)).map(e -> "The model returned the following errors: " + e.message());
        if (invalid.isPresent()) {
            reject(exchange, 400, "ValidationException", invalid.get());
            return;
        }
        AnthropicRequest read = AnthropicRequest.of(withModel);
        AnthropicRequest parsed = new AnthropicRequest(modelId, stream, read.lastUserText(), read.inputTokens());
        responder.answer(exchange, new BedrockInvokeFormat(new AnthropicFormat(parsed, exchange.sequence(), signatures),
                new BedrockFormat(stream, parsed.inputTokens(), exchange.sequence())), parsed.lastUserText());
    }

    private static Optional<String> validateInvoke(JsonNode json) {
        if (!json.isObject()) {
            return Optional.of("Malformed input request, please reformat your input and try again.");
        }
        for (String extraneous : new String[] {"model", "stream"}) {
            if (json.has(extraneous)) {
                return Optional.of("Malformed input request: #: extraneous key [" + extraneous
                        + "] is not permitted, please reformat your input and try again.");
            }
        }
        if (!json.path("anthropic_version").isString()) {
            return Optional.of("Malformed input request: #: required key [anthropic_version] not found, please "
                    + "reformat your input and try again.");
        }
        if (!json.path("anthropic_version").stringValue().equals("bedrock-2023-05-31")) {
            return Optional.of("Invalid API version");
        }
        JsonNode betas = json.path("anthropic_beta");
        if (!betas.isMissingNode() && !betas.isArray()) {
            return Optional.of("Malformed input request: #/anthropic_beta: expected type: JSONArray, please reformat "
                    + "your input and try again.");
        }
        return Optional.empty();
    }

    private static Optional<String> authenticate(HttpServerRequest request, byte[] body) {
        MultiMap headers = request.headers();
        String authorization = headers.get("authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            return authorization.substring("Bearer ".length()).equals(MockUpstream.BEDROCK_API_KEY) ? Optional.empty()
                    : Optional.of("The security token included in the request is invalid.");
        }
        Optional<SigV4Verifier.Authorization> auth = SigV4Verifier.Authorization.parse(authorization);
        if (auth.isEmpty()) {
            return Optional.of("The security token included in the request is invalid.");
        }
        if (!auth.get().accessKeyId().equals(MockUpstream.AWS_ACCESS_KEY_ID)) {
            return Optional.of("The security token included in the request is invalid.");
        }
        String amzDate = Optional.ofNullable(headers.get("x-amz-date")).orElse("");
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (RuntimeException e) {
            return Optional.of("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (Duration.between(signedAt, Instant.now()).abs().compareTo(Duration.ofMinutes(5)) > 0) {
            return Optional.of("Signature expired: " + amzDate + " is now earlier or later than the allowed window.");
        }
        Map<String, String> values = new HashMap<>();
        headers.forEach(h -> values.merge(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue(),
                (a, b) -> a + "," + b));
        String query = request.query() == null ? "" : request.query();
        String path = request.uri().contains("?") ? request.uri().substring(0, request.uri().indexOf('?'))
                : request.uri();
        String expected = SigV4Verifier.signature(MockUpstream.AWS_SECRET_ACCESS_KEY, request.method().name(), path,
                query, values, auth.get().signedHeaders(), body, amzDate, auth.get().region(), auth.get().service());
        if (!auth.get().service().equals("bedrock") || !auth.get().signedHeaders().contains("host")
                || !expected.equals(auth.get().signature())) {
            return Optional.of("The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
        return Optional.empty();
    }

    private static Optional<String> validate(JsonNode json) {
        if (!json.isObject()) {
            return Optional.of("Malformed input request, please reformat your input and try again.");
        }
        JsonNode messages = json.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            return Optional.of("The model returned the following errors: messages: at least one message is required");
        }
        String previous = "assistant";
        for (JsonNode message : messages) {
            String role = message.path("role").asString("");
            if (role.equals(previous)) {
                return Optional.of("The model returned the following errors: messages: roles must alternate between "
                        + "\"user\" and \"assistant\", but found multiple \"" + role + "\" roles in a row");
            }
            if (!message.path("content").isArray() || message.path("content").isEmpty()) {
                return Optional.of("The model returned the following errors: messages: content must not be empty");
            }
            previous = role;
        }
        return Optional.empty();
    }

    private static String lastUserText(JsonNode json) {
        String last = "";
        for (JsonNode message : json.path("messages")) {
            if (!message.path("role").asString("").equals("user")) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            for (JsonNode block : message.path("content")) {
                if (block.path("text").isString()) {
                    text.append(block.get("text").stringValue());
                }
            }
            if (!text.isEmpty()) {
                last = text.toString();
            }
        }
        return last;
    }

    private static int inputTokens(JsonNode json) {
        int chars = 0;
        for (JsonNode block : json.path("system")) {
            chars += block.path("text").asString("").length();
        }
        for (JsonNode message : json.path("messages")) {
            for (JsonNode block : message.path("content")) {
                chars += block.path("text").asString("").length();
            }
        }
        return Math.max(1, chars / 4);
    }

    private static void reject(Exchange exchange, int status, String type, String message) {
        exchange.respond(status, Exchange.APPLICATION_JSON, Map.of("x-amzn-ErrorType", type),
                BedrockFormat.error(type, message));
    }
}
