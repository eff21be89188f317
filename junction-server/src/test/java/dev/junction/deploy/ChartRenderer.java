package dev.junction.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders the Helm chart's templates ({@code deploy/helm/junction}) the way {@code helm template} would, for the
 * small subset of the template language they are kept to: {@code {{ .Values.a.b }}} substitutions,
 * {@code {{- if .Values.a.b }}} ... {@code {{- end }}} (nestable), {@code {{ .Files.Get "path" | nindent N }}}, and
 * whitespace trimming by a dash just inside either brace pair. Anything else in a template is an error, so a template that
 * grows past the subset fails the tests instead of rendering wrongly. No Helm binary runs where the chart was
 * written: this renderer is what keeps {@code deploy/k8s/} and the chart the same. Stateless; thread-safe.
 */
final class ChartRenderer {

    private static final Pattern ACTION = Pattern.compile("\\{\\{(-?)\\s*(.*?)\\s*(-?)}}", Pattern.DOTALL);
    private static final Pattern VALUE = Pattern.compile("\\.Values((?:\\.[A-Za-z][A-Za-z0-9]*)+)");
    private static final Pattern IF = Pattern.compile("if\\s+" + VALUE.pattern());
    private static final Pattern FILE = Pattern.compile("\\.Files\\.Get\\s+\"([^\"]+)\"\\s*\\|\\s*nindent\\s+(\\d+)");

    private final Path chart;
    private final JsonNode values;

    /** A renderer of the chart in {@code chart} with the values given (its defaults, possibly changed). */
    ChartRenderer(Path chart, JsonNode values) {
        this.chart = chart;
        this.values = values;
    }

    /** The chart's own defaults, from its {@code values.yaml}. */
    static JsonNode defaults(Path chart) throws IOException {
        return YAMLMapper.builder().build().readTree(Files.readString(chart.resolve("values.yaml")));
    }

    /** The template {@code templates/<name>} rendered; blank when an {@code if} around it all is false. */
    String render(String name) throws IOException {
        String template = Files.readString(chart.resolve("templates").resolve(name));
        StringBuilder out = new StringBuilder();
        Deque<Boolean> emitting = new ArrayDeque<>();
        emitting.push(true);
        Matcher action = ACTION.matcher(template);
        int at = 0;
        boolean trimNext = false;
        while (action.find()) {
            String text = template.substring(at, action.start());
            if (trimNext) {
                text = text.stripLeading();
            }
            if (!action.group(1).isEmpty()) {
                text = text.stripTrailing();
            }
            if (emitting.peek()) {
                out.append(text);
            }
            String body = action.group(2);
            Matcher condition = IF.matcher(body);
            if (condition.matches()) {
                emitting.push(emitting.peek() && truthy(lookup(condition.group(1))));
            } else if (body.equals("end")) {
                emitting.pop();
                if (emitting.isEmpty()) {
                    throw new IllegalStateException(name + ": an end without an if");
                }
            } else if (emitting.peek()) {
                out.append(evaluate(name, body));
            }
            trimNext = !action.group(3).isEmpty();
            at = action.end();
        }
        if (emitting.size() != 1) {
            throw new IllegalStateException(name + ": an if without an end");
        }
        String rest = template.substring(at);
        if (emitting.peek()) {
            out.append(trimNext ? rest.stripLeading() : rest);
        }
        return out.toString();
    }

    private String evaluate(String name, String body) throws IOException {
        Matcher value = VALUE.matcher(body);
        if (value.matches()) {
            JsonNode node = lookup(value.group(1));
            if (node.isMissingNode() || node.isNull() || node.isContainer()) {
                throw new IllegalStateException(name + ": " + body + " is not a scalar in the values");
            }
            return node.asString();
        }
        Matcher file = FILE.matcher(body);
        if (file.matches()) {
            String pad = " ".repeat(Integer.parseInt(file.group(2)));
            // Helm's nindent: a newline, then every line (even the empty one after a final newline) indented.
            return "\n" + pad + Files.readString(chart.resolve(file.group(1))).replace("\n", "\n" + pad);
        }
        throw new IllegalStateException(name + ": {{ " + body + " }} is outside the subset this renderer knows");
    }

    private JsonNode lookup(String dotted) {
        JsonNode node = values;
        for (String key : dotted.substring(1).split("\\.")) {
            node = node.path(key);
        }
        return node;
    }

    private static boolean truthy(JsonNode node) {
        return !(node.isMissingNode() || node.isNull() || (node.isBoolean() && !node.booleanValue())
                || (node.isString() && node.asString().isEmpty()) || (node.isNumber() && node.doubleValue() == 0));
    }
}
