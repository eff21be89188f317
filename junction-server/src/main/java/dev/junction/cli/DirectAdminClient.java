package dev.junction.cli;

import dev.junction.admin.Actor;
import dev.junction.admin.AuditedWrites;
import dev.junction.admin.GovernanceCommands;
import dev.junction.admin.KeyJson;
import dev.junction.admin.PrincipalCommands;
import dev.junction.admin.PrincipalJson;
import dev.junction.admin.TeamJson;
import dev.junction.admin.TenantJson;
import dev.junction.admin.UserJson;
import dev.junction.config.GovernanceSettings;
import dev.junction.crypto.AdminTokens;
import dev.junction.crypto.SecretKeyRing;
import dev.junction.crypto.VirtualKeys;
import dev.junction.governance.Governance;
import dev.junction.governance.ReplicaChannels;
import dev.junction.json.Json;
import dev.junction.rbac.TenantScope;
import dev.junction.replica.Confirmation;
import dev.junction.replica.ReplicaChannel;
import dev.junction.replica.ReplicaMessage;
import dev.junction.store.Database;
import dev.junction.store.DatabaseSettings;
import dev.junction.store.GovernanceStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The governance store opened directly, with the configuration {@code serve} would use: the same database and secret
 * key, and the admin API's own service code ({@link GovernanceCommands}), so a change made here is checked and audited
 * the same way (actor {@code cli:<os user>}). Each change is announced to the running gateways on the channels they
 * listen on (Redis, PostgreSQL notifications), so they apply it at once; without one, when they next poll the store
 * (within seconds). Used by one thread.
 */
final class DirectAdminClient implements AdminClient {

    private final Database database;
    private final GovernanceStore store;
    private final GovernanceCommands commands;
    private final Clock clock = Clock.systemUTC();
    private final Actor actor = Actor.named("cli:" + System.getProperty("user.name", "unknown"));
    private final List<ReplicaChannel> channels;
    private final PrincipalCommands principals;

    private DirectAdminClient(Database database, VirtualKeys keys, AdminTokens tokens, List<ReplicaChannel> channels) {
        this.database = database;
        this.store = new GovernanceStore(database, clock);
        this.channels = channels;
        AuditedWrites writes = new AuditedWrites(database, store, this::announce);
        this.commands = new GovernanceCommands(writes, keys);
        this.principals = new PrincipalCommands(writes, tokens, clock);
    }

    /** Tells the running gateways that the store is at {@code revision}; they confirm to each other, not to the CLI. */
    private CompletableFuture<Confirmation> announce(long revision) {
        String message = new ReplicaMessage.Changed(actor.name() + "-" + ProcessHandle.current().pid(), revision)
                .encode();
        channels.forEach(c -> c.publish(message));
        return CompletableFuture.completedFuture(new Confirmation(revision, List.of(), List.of(), false));
    }

    /**
     * Opens the database (applying pending migrations) and loads the secret key, creating it when there is none yet
     * (with a warning on {@code err}: the gateway must use the same key).
     */
    static DirectAdminClient open(GovernanceSettings settings, Optional<String> redisUrl, PrintWriter err) {
        SecretKeyRing keys = Governance.keyRing(settings);
        if (keys.generated()) {
            err.println("warning: generated a new secret key at " + settings.secretKeyFile() + "; the gateway must "
                    + "use the same key (same data directory or JUNCTION_SECRET_KEY), or keys made here will not work");
        }
        GovernanceSettings.DatabaseConfig db = settings.database();
        DatabaseSettings databaseSettings = Governance.databaseSettings(db);
        Database database = Database.open(databaseSettings);
        String storeId = database.call(new GovernanceStore(database, Clock.systemUTC())::identity).join();
        List<ReplicaChannel> channels = ReplicaChannels.openers(redisUrl, databaseSettings, storeId).stream()
                .map(o -> o.open(message -> { })).flatMap(Optional::stream).toList();
        return new DirectAdminClient(database, new VirtualKeys(keys), new AdminTokens(keys), channels);
    }

    @Override
    public ArrayNode list(String resource, Map<String, String> filters) {
        List<ObjectNode> items = switch (resource) {
            case "tenants" -> render(store.tenants().list(), TenantJson::render);
            case "teams" -> render(Optional.ofNullable(filters.get("tenant_id")).map(store.teams()::listByTenant)
                    .orElseGet(store.teams()::list), TeamJson::render);
            case "users" -> render(store.users().list().stream()
                    .filter(u -> matches(filters.get("tenant_id"), u.tenantId()))
                    .filter(u -> matches(filters.get("team_id"), u.teamId().orElse(null))).toList(), UserJson::render);
            case "principals" -> render(store.principals().list(), PrincipalJson::render);
            case "keys" -> render(Optional.ofNullable(filters.get("user_id")).map(store.keys()::listByUser)
                    .orElseGet(store.keys()::list), KeyJson::render);
            default -> throw new IllegalArgumentException("not a listed resource: " + resource);
        };
        ArrayNode array = Json.MAPPER.createArrayNode();
        items.forEach(array::add);
        return array;
    }

    @Override
    public ObjectNode createPrincipal(ObjectNode body) {
        return await(principals.create(actor, TenantScope.ALL, body, PrincipalCommands::hashHere)
                .toCompletableFuture());
    }

    @Override
    public ObjectNode verifyAudit() {
        Optional<Long> broken = await(database.call(() -> store.audit().verify()));
        ObjectNode body = Json.object().put("intact", broken.isEmpty());
        broken.ifPresent(seq -> body.put("first_broken_seq", seq));
        return body;
    }

    @Override
    public ObjectNode createUser(ObjectNode body) {
        return UserJson.render(await(commands.createUser(actor, UserJson.newUser(body))));
    }

    @Override
    public ObjectNode createKey(ObjectNode body) {
        return KeyJson.issued(await(commands.createKey(actor, KeyJson.newKey(body, clock.instant()))));
    }

    @Override
    public ObjectNode revokeKey(String id) {
        return KeyJson.render(await(commands.revokeKey(actor, id))
                .orElseThrow(() -> new CliFailure("there is no key '" + id + "'")));
    }

    private static <T> List<ObjectNode> render(List<T> items, Function<T, ObjectNode> render) {
        return items.stream().map(render).toList();
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }

    /** The result, or the failure as thrown (an AdminError, a StoreConflict), not wrapped. */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        channels.forEach(ReplicaChannel::close); // sends what is queued first
        database.close();
    }
}
