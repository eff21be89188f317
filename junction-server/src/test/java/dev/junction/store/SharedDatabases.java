package dev.junction.store;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One migrated database per dialect, shared by every test class that registers this extension, for tests that only
 * add rows of their own (unique names, ids and time ranges). Tests that need an empty database or damage one open
 * their own with {@link TestDatabases#open}. The shared databases are dropped when the whole test run ends.
 */
public final class SharedDatabases implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedDatabases.class);
    private static final Map<SqlDialect, TestDatabases.Opened> OPEN = new EnumMap<>(SqlDialect.class);

    /** The shared database of this dialect, opened on first use. */
    public static synchronized Database get(SqlDialect dialect) {
        return OPEN.computeIfAbsent(dialect, TestDatabases::open).database();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root context closes what its store holds when the run ends.
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(SharedDatabases.class,
                key -> (AutoCloseable) SharedDatabases::closeAll, AutoCloseable.class);
    }

    private static synchronized void closeAll() {
        OPEN.values().forEach(TestDatabases.Opened::close);
        OPEN.clear();
    }
}
