package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Calls a test gateway's admin API with its admin key; test helper. */
final class AdminHttp {

    /** The admin key of the test gateways, named {@code ops}. */
    static final String KEY = "admin-key-0123456789abcdef";
    /** The YAML that configures it. */
    static final String CONFIG = "admin_keys: [{name: ops, key: " + KEY + "}]\n";

    /** An answer: its status and JSON body (an empty object when there is none). */
    record Answer(int status, JsonNode body, String text, HttpHeaders headers) {

        /** A header of the answer, if it has it. */
        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The error message of an error answer. */
        String message() {
            return body.at("/error/message").asString("");
        }

        /** The error type of an error answer. */
        String type() {
            return body.at("/error/type").asString("");
        }
    }

    private final Gateway gateway;
    private final String bearer;

    AdminHttp(Gateway gateway) {
        this(gateway, KEY);
    }

    /** Calls with another credential: a service account's token. */
    AdminHttp(Gateway gateway, String bearer) {
        this.gateway = gateway;
        this.bearer = bearer;
    }

    Answer get(String path) {
        return call("GET", path, null);
    }

    Answer post(String path, String json) {
        return call("POST", path, json);
    }

    Answer patch(String path, String json) {
        return call("PATCH", path, json);
    }

    Answer put(String path, String json) {
        return call("PUT", path, json);
    }

    Answer delete(String path) {
        return call("DELETE", path, null);
    }

    /** POSTs and expects 201; the created thing. */
    ObjectNode create(String path, String json) {
        Answer answer = post(path, json);
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return (ObjectNode) answer.body();
    }

    Answer call(String method, String path, String json) {
        HttpResponse<String> response = gateway.request(method, path, json, "authorization", "Bearer " + bearer);
        JsonNode body = response.body().isEmpty() ? Json.object()
                : Json.tryParse(response.body()).orElseThrow(() -> new AssertionError("not JSON: " + response.body()));
        return new Answer(response.statusCode(), body, response.body(), response.headers());
    }
}
