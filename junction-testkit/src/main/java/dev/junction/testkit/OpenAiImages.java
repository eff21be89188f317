package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers OpenAI's Images API: {@code POST /v1/images/generations} (JSON) and {@code /edits}, {@code /variations}
 * (multipart forms). Each image's bytes are {@link #imageBytes} (deterministic, so a test can compare); URLs
 * ({@code response_format: url}) are {@code https://mock.images/<n>.png}. gpt-image models answer with a usage of 10
 * input and 100 output tokens per image and their size and quality; DALL·E models with no usage. An edit's or a
 * variation's first image carries, as {@code revised_prompt}, what the mock received: {@code field:filename:bytes:
 * sha256} of every file, comma-separated, so a test can check the files arrived intact. With {@code stream: true}
 * (gpt-image), the answer is OpenAI's image events: {@code partial_images} partial events per image, then a
 * completed event. Any completing behaviour makes the images; error statuses, fixtures and timing apply as for chat.
 *
 * @param task {@code generations}, {@code edits} or {@code variations}
 * @param fields the request's fields (JSON scalars or form fields)
 * @param files what was uploaded, summarised
 */
record OpenAiImages(String task, Map<String, String> fields, Optional<String> files) implements AnswerFormat {

    /** The bytes the mock gives image {@code index} (from 0) of a prompt. */
    static byte[] imageBytes(String model, String prompt, int index) {
        return ("mock-png:" + model + ":" + index + ":" + prompt).getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a request; empty fields and a 400 when it lacks its model or prompt. */
    static Optional<OpenAiError> validate(String task, Map<String, String> fields, boolean hasFiles) {
        if (!fields.containsKey("model")) {
            return Optional.of(OpenAiError.missingModel());
        }
        if (!task.equals("variations") && fields.getOrDefault("prompt", "").isBlank()) {
            return Optional.of(OpenAiError.forStatus(400, fields.get("model")));
        }
        if (!task.equals("generations") && !hasFiles) {
            return Optional.of(OpenAiError.forStatus(400, fields.get("model")));
        }
        return Optional.empty();
    }

    /** A generation's fields from its JSON body. */
    static Map<String, String> fields(JsonNode json) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        json.properties().forEach(e -> fields.put(e.getKey(), e.getValue().isString() ? e.getValue().asString()
                : e.getValue().toString()));
        return fields;
    }

    /** An upload's fields, and a summary of its files. */
    static OpenAiImages ofForm(String task, MultipartParts form) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        form.parts().stream().filter(p -> p.fileName().isEmpty()).forEach(p -> fields.put(p.name(), p.text()));
        List<String> files = new ArrayList<>();
        for (MultipartParts.Part file : form.files()) {
            files.add(file.name() + ":" + file.fileName().orElse("") + ":" + file.bytes().length + ":"
                    + sha256(file.bytes()));
        }
        return new OpenAiImages(task, fields, Optional.of(String.join(",", files)));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String model() {
        return fields.getOrDefault("model", "");
    }

    private boolean tokens() {
        return model().startsWith("gpt-image");
    }

    private int n() {
        return Integer.parseInt(fields.getOrDefault("n", "1"));
    }

    private String b64(int index) {
        return Base64.getEncoder().encodeToString(imageBytes(model(), fields.getOrDefault("prompt", ""), index));
    }

    @Override
    public boolean streams() {
        return "true".equals(fields.get("stream")) && tokens();
    }

    @Override
    public CharSequence jsonContentType() {
        return Exchange.APPLICATION_JSON;
    }

    @Override
    public CharSequence streamContentType() {
        return Exchange.EVENT_STREAM;
    }

    @Override
    public Buffer body(Answer ignored) {
        ObjectNode body = JsonText.MAPPER.createObjectNode().put("created", 1_700_000_000L);
        ArrayNode data = body.putArray("data");
        boolean urls = "url".equals(fields.get("response_format")) && !tokens();
        for (int i = 0; i < n(); i++) {
            ObjectNode item = data.addObject();
            if (urls) {
                item.put("url", "https://mock.images/" + i + ".png");
            } else {
                item.put("b64_json", b64(i));
            }
            if (i == 0) {
                files.ifPresent(f -> item.put("revised_prompt", f));
            }
        }
        if (tokens()) {
            body.put("size", fields.getOrDefault("size", "1024x1024")).put("quality",
                    fields.getOrDefault("quality", "high")).put("background", "opaque").put("output_format", "png");
            usage(body.putObject("usage"), n());
        }
        return JsonText.buffer(body);
    }

    private static void usage(ObjectNode usage, int images) {
        usage.put("input_tokens", 10).put("output_tokens", 100L * images).put("total_tokens", 10 + 100L * images)
                .putObject("input_tokens_details").put("text_tokens", 10).put("image_tokens", 0);
    }

    @Override
    public List<Buffer> events(Answer answer) {
        String prefix = task.equals("generations") ? "image_generation" : "image_edit";
        int partials = Integer.parseInt(fields.getOrDefault("partial_images", "0"));
        List<Buffer> events = new ArrayList<>();
        for (int i = 0; i < n(); i++) {
            for (int p = 0; p < partials; p++) {
                ObjectNode partial = JsonText.MAPPER.createObjectNode().put("type", prefix + ".partial_image")
                        .put("b64_json", b64(i)).put("created_at", 1_700_000_000L).put("size", "1024x1024")
                        .put("quality", "high").put("background", "opaque").put("output_format", "png")
                        .put("partial_image_index", p);
                events.add(event(prefix + ".partial_image", partial));
            }
            ObjectNode done = JsonText.MAPPER.createObjectNode().put("type", prefix + ".completed")
                    .put("b64_json", b64(i)).put("created_at", 1_700_000_000L).put("size", "1024x1024")
                    .put("quality", "high").put("background", "opaque").put("output_format", "png");
            usage(done.putObject("usage"), 1);
            events.add(event(prefix + ".completed", done));
        }
        return events;
    }

    private static Buffer event(String name, ObjectNode data) {
        return Buffer.buffer("event: " + name + "\ndata: " + data + "\n\n");
    }

    @Override
    public Buffer streamError(int position) {
        return Buffer.buffer("event: error\ndata: " + OpenAiError.MID_STREAM.toJson() + "\n\n");
    }

    @Override
    public Buffer errorBody(int status, Map<String, String> behaviorHeaders) {
        return Buffer.buffer(OpenAiError.forStatus(status, model()).toJson());
    }

    @Override
    public Buffer mockFailure(String message) {
        return Buffer.buffer(OpenAiError.mockFailure(message).toJson());
    }
}
