package dev.junction.it;

import dev.junction.store.SqlDialect;
import dev.junction.store.TestDatabases;
import java.util.HashMap;
import java.util.Map;

/**
 * The stores a governed gateway runs on in the integration suites: each database, with limits and budgets in memory
 * or shared in the local Redis.
 */
enum Backend {
    SQLITE(SqlDialect.SQLITE, false),
    SQLITE_REDIS(SqlDialect.SQLITE, true),
    POSTGRESQL(SqlDialect.POSTGRESQL, false),
    POSTGRESQL_REDIS(SqlDialect.POSTGRESQL, true),
    MARIADB(SqlDialect.MYSQL, false),
    MARIADB_REDIS(SqlDialect.MYSQL, true);

    static final String REDIS_URL = "redis://127.0.0.1:6379";

    final SqlDialect dialect;
    final boolean redis;

    Backend(SqlDialect dialect, boolean redis) {
        this.dialect = dialect;
        this.redis = redis;
    }

    /** A fresh database of this backend; its environment for a gateway is {@link #environment}. */
    TestDatabases.Fresh createDatabase() {
        return TestDatabases.create(dialect);
    }

    /** The environment that points a gateway at the database (and at Redis when the backend has it). */
    Map<String, String> environment(TestDatabases.Fresh database) {
        Map<String, String> env = new HashMap<>();
        env.put("JUNCTION_DATABASE_URL", database.settings().url());
        database.settings().user().ifPresent(u -> env.put("JUNCTION_DATABASE_USER", u));
        if (redis) {
            env.put("JUNCTION_REDIS_URL", REDIS_URL);
        }
        return env;
    }
}
