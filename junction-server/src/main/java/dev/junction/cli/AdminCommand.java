package dev.junction.cli;

import dev.junction.admin.AdminError;
import dev.junction.config.ConfigException;
import dev.junction.json.Json;
import dev.junction.store.StoreConflict;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * How the {@code users} and {@code keys} commands run: connect as {@link AdminConnection} says, do the work, close,
 * and turn refusals into a message on standard error and exit status 1 (2 for an invalid configuration).
 */
final class AdminCommand {

    private AdminCommand() {}

    /** Runs {@code work} with a client; its result is the exit status. */
    static int run(CommandLine.Model.CommandSpec spec, AdminConnection connection, ToIntFunction<AdminClient> work) {
        PrintWriter err = spec.commandLine().getErr();
        try (AdminClient client = connection.open(System.getenv(), err)) {
            return work.applyAsInt(client);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        } catch (CliFailure | AdminError | StoreConflict e) {
            err.println("junction: " + e.getMessage());
            return 1;
        } catch (IllegalStateException e) {
            // The database or secret key could not be opened; the message says which and why.
            err.println("junction: " + e.getMessage());
            return 1;
        } finally {
            err.flush();
        }
    }

    /**
     * Prints what a list command read: the JSON as the admin API answered with {@code --json}, else a {@link Table}
     * with one row per item ({@code cells} gives it, in the header's order), or {@code empty} when there is none.
     * Returns the exit status, 0.
     */
    static int printList(CommandLine.Model.CommandSpec spec, AdminConnection connection, ArrayNode items,
                         List<String> header, Function<JsonNode, String[]> cells, String empty) {
        PrintWriter out = spec.commandLine().getOut();
        if (connection.json()) {
            printJson(out, items);
            return 0;
        }
        Table table = new Table(header.toArray(String[]::new));
        for (JsonNode item : items) {
            table.row(cells.apply(item));
        }
        table.print(out, empty);
        out.flush();
        return 0;
    }

    /** Prints JSON, indented for people. */
    static void printJson(PrintWriter out, JsonNode node) {
        out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        out.flush();
    }
}
