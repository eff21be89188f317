package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class StreamReplyTest extends MockUpstreamTestBase {

    @Test
    void streamIsAnEventStreamEndingWithDone() {
        HttpResponse<String> response = client.post(WireClient.streamingChat("Hello!", false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        assertThat(response.body()).endsWith("\n\n");
        assertThat(WireClient.dataOf(response.body())).last().isEqualTo("[DONE]");
    }

    @Test
    void streamStartsWithRoleChunkThenWordsThatReassembleToTheReplyThenFinishChunk() {
        mock.enqueue(Behavior.reply("Hello! How can I assist you today?"));

        List<JsonNode> chunks = chunksOf(client.post(WireClient.streamingChat("Hello!", false)));

        assertThat(chunks.getFirst().path("choices").path(0).path("delta"))
                .isEqualTo(WireClient.parse("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}"));
        List<JsonNode> words = chunks.subList(1, chunks.size() - 1);
        assertThat(words).hasSize(7).allSatisfy(chunk -> {
            assertThat(chunk.path("choices").path(0).path("delta").path("content").isString()).isTrue();
            assertThat(chunk.path("choices").path(0).path("finish_reason").isNull()).isTrue();
        });
        assertThat(words.stream().map(chunk -> chunk.path("choices").path(0).path("delta").path("content").stringValue()))
                .containsExactly("Hello!", " How", " can", " I", " assist", " you", " today?");
        JsonNode finish = chunks.getLast().path("choices").path(0);
        assertThat(finish.path("delta")).isEqualTo(WireClient.parse("{}"));
        assertThat(finish.path("finish_reason").stringValue()).isEqualTo("stop");
    }

    @Test
    void everyChunkCarriesTheSameIdCreatedAndModelAndNoUsageKeyWithoutIncludeUsage() {
        List<JsonNode> chunks = chunksOf(client.post(WireClient.streamingChat("Hello!", false)));

        JsonNode first = chunks.getFirst();
        assertThat(first.path("object").stringValue()).isEqualTo("chat.completion.chunk");
        assertThat(first.path("model").stringValue()).isEqualTo("gpt-4o-mini");
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.path("id")).isEqualTo(first.path("id"));
            assertThat(chunk.path("created")).isEqualTo(first.path("created"));
            assertThat(chunk.path("model")).isEqualTo(first.path("model"));
            assertThat(chunk.path("service_tier").stringValue()).isEqualTo("default");
            assertThat(chunk.has("system_fingerprint")).isTrue();
            assertThat(chunk.has("usage")).isFalse();
        });
    }

    @Test
    void includeUsageAddsAUsageChunkWithNoChoicesBeforeDoneAndNullUsageElsewhere() {
        List<String> data = WireClient.dataOf(client.post(WireClient.streamingChat("0123456789ab", true)).body());

        assertThat(data).last().isEqualTo("[DONE]");
        JsonNode usageChunk = WireClient.parse(data.get(data.size() - 2));
        assertThat(usageChunk.path("choices")).isEmpty();
        assertThat(usageChunk.path("usage").path("prompt_tokens").intValue()).isEqualTo(3);
        assertThat(usageChunk.path("usage").path("completion_tokens").intValue()).isEqualTo(5);
        assertThat(usageChunk.path("usage").path("total_tokens").intValue()).isEqualTo(8);
        assertThat(data.subList(0, data.size() - 2)).allSatisfy(chunk -> {
            JsonNode json = WireClient.parse(chunk);
            assertThat(json.has("usage")).isTrue();
            assertThat(json.path("usage").isNull()).isTrue();
        });
    }

    @Test
    void streamedToolCallArgumentsReassembleToValidJsonForBothCalls() {
        mock.enqueue(Behavior.toolCalls());

        List<JsonNode> chunks = chunksOf(client.post(WireClient.streamingChat("Weather?", false)));

        Map<Integer, StringBuilder> arguments = new HashMap<>();
        Map<Integer, String> names = new HashMap<>();
        Map<Integer, Integer> fragments = new HashMap<>();
        for (JsonNode chunk : chunks) {
            for (JsonNode call : chunk.path("choices").path(0).path("delta").path("tool_calls")) {
                int index = call.path("index").intValue();
                if (call.has("id")) {
                    names.put(index, call.path("function").path("name").stringValue());
                }
                arguments.computeIfAbsent(index, _ -> new StringBuilder())
                        .append(call.path("function").path("arguments").stringValue());
                fragments.merge(index, 1, Integer::sum);
            }
        }
        assertThat(names).containsOnlyKeys(0, 1).containsValues("get_current_weather");
        assertThat(fragments.get(0)).isGreaterThan(2);
        assertThat(fragments.get(1)).isGreaterThan(2);
        assertThat(WireClient.parse(arguments.get(0).toString()))
                .isEqualTo(WireClient.parse("{\"location\":\"Paris, France\",\"unit\":\"celsius\"}"));
        assertThat(WireClient.parse(arguments.get(1).toString()))
                .isEqualTo(WireClient.parse("{\"location\":\"Tokyo, Japan\",\"unit\":\"celsius\"}"));
        assertThat(chunks.getFirst().path("choices").path(0).path("delta").path("role").stringValue()).isEqualTo("assistant");
        assertThat(chunks.getLast().path("choices").path(0).path("finish_reason").stringValue()).isEqualTo("tool_calls");
    }

    @Test
    void severalChoicesInterleaveAndEachGetsItsOwnRoleAndFinishChunk() {
        mock.enqueue(Behavior.reply("one two"));

        List<JsonNode> chunks = chunksOf(client.post(WireClient.streamingChat("hi", false).put("n", 2)));

        assertThat(chunks.stream().map(chunk -> chunk.path("choices").path(0).path("index").intValue()))
                .containsExactly(0, 1, 0, 1, 0, 1, 0, 1);
        assertThat(chunks.subList(6, 8)).allSatisfy(chunk ->
                assertThat(chunk.path("choices").path(0).path("finish_reason").stringValue()).isEqualTo("stop"));
    }

    /** The JSON chunks of a stream, without the {@code [DONE]} terminator. */
    private static List<JsonNode> chunksOf(HttpResponse<String> response) {
        List<String> data = WireClient.dataOf(response.body());
        assertThat(data).last().isEqualTo("[DONE]");
        return data.subList(0, data.size() - 1).stream().map(WireClient::parse).toList();
    }
}
