package dev.junction.store;

import java.time.Clock;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The repositories of one database in one place, and {@link #loadAll()}, the consistent read a snapshot is built from.
 * Blocking and thread safe, like the repositories: run it on a database thread ({@link Database#call}).
 */
public final class GovernanceStore {

    private final Database database;
    private final TenantRepository tenants;
    private final TeamRepository teams;
    private final UserRepository users;
    private final VirtualKeyRepository keys;
    private final BudgetRepository budgets;
    private final PriceOverrideRepository priceOverrides;
    private final ProviderRepository providers;
    private final AlertChannelRepository alertChannels;
    private final AlertRuleRepository alertRules;
    private final ConsoleSessionRepository consoleSessions;
    private final AlertClaimRepository alertClaims;
    private final RouteRepository routes;
    private final PrincipalRepository principals;
    private final RoleRepository roles;
    private final AuditTrail audit;
    private final StoreRevision revision;

    /** The store of this database, timestamping writes with this clock. */
    public GovernanceStore(Database database, Clock clock) {
        this.database = database;
        this.tenants = new TenantRepository(database, clock);
        this.teams = new TeamRepository(database, clock);
        this.users = new UserRepository(database, clock);
        this.keys = new VirtualKeyRepository(database, clock);
        this.budgets = new BudgetRepository(database, clock);
        this.priceOverrides = new PriceOverrideRepository(database, clock);
        this.providers = new ProviderRepository(database, clock);
        this.alertChannels = new AlertChannelRepository(database, clock);
        this.alertRules = new AlertRuleRepository(database, clock);
        this.consoleSessions = new ConsoleSessionRepository(database);
        this.alertClaims = new AlertClaimRepository(database);
        this.routes = new RouteRepository(database, clock);
        this.principals = new PrincipalRepository(database, clock);
        this.roles = new RoleRepository(database, clock);
        this.audit = new AuditTrail(database, clock);
        this.revision = new StoreRevision(database);
    }

    /**
     * Reads every configuration entity and the revision in one transaction (repeatable read where the database has
     * levels), so the result is one consistent state.
     */
    public GovernanceData loadAll() {
        HandleCallback<GovernanceData, RuntimeException> read = handle -> new GovernanceData(
                StoreRevision.read(handle), tenants.list(), teams.list(), users.list(), keys.list(), budgets.list(),
                priceOverrides.list(), providers.list(), routes.list());
        // SQLite's one connection already makes the read consistent, and its driver has no repeatable-read level.
        return database.dialect() == SqlDialect.SQLITE
                ? database.jdbi().inTransaction(read)
                : database.jdbi().inTransaction(TransactionIsolationLevel.REPEATABLE_READ, read);
    }

    /** Tenants. */
    public TenantRepository tenants() {
        return tenants;
    }

    /** Teams. */
    public TeamRepository teams() {
        return teams;
    }

    /** Users. */
    public UserRepository users() {
        return users;
    }

    /** Virtual keys. */
    public VirtualKeyRepository keys() {
        return keys;
    }

    /** Budgets. */
    public BudgetRepository budgets() {
        return budgets;
    }

    /** Price overrides. */
    public PriceOverrideRepository priceOverrides() {
        return priceOverrides;
    }

    /** Stored providers. */
    public ProviderRepository providers() {
        return providers;
    }

    /** Alert channels added through the admin API. */
    public AlertChannelRepository alertChannels() {
        return alertChannels;
    }

    /** Alert rules added through the admin API. */
    public AlertRuleRepository alertRules() {
        return alertRules;
    }

    /** The console's sessions. */
    public ConsoleSessionRepository consoleSessions() {
        return consoleSessions;
    }

    /** Which replica announces an alert change. */
    public AlertClaimRepository alertClaims() {
        return alertClaims;
    }

    /** Stored routes. */
    public RouteRepository routes() {
        return routes;
    }

    /** Console users and service accounts with their role bindings. */
    public PrincipalRepository principals() {
        return principals;
    }

    /** Custom roles. */
    public RoleRepository roles() {
        return roles;
    }

    /** The audit trail. */
    public AuditTrail audit() {
        return audit;
    }

    /**
     * The store's identity: a random id made when the store was created, the same for every replica that uses it,
     * by which they tell their messages from those of other stores' gateways on a shared Redis.
     */
    public String identity() {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT uid FROM store_identity WHERE id = 1")
                .mapTo(String.class).one());
    }

    /** The configuration revision. */
    public StoreRevision revision() {
        return revision;
    }
}
