package dev.junction.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Fresh, empty databases for tests, one per call, so suites can run again and side by side: SQLite in a temporary
 * file, PostgreSQL and MariaDB as a new {@code junction_t_<random>} database on the local servers (PostgreSQL at
 * 127.0.0.1:5432 as {@code postgres}, MariaDB at 127.0.0.1:3306 as {@code root}). Closing one drops it. A server that
 * cannot be reached fails the test with a message saying how to start it; nothing is skipped.
 */
public final class TestDatabases {

    private static final String POSTGRES_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?connectTimeout=5";
    private static final String MARIADB_ADMIN = "jdbc:mariadb://127.0.0.1:3306/?connectTimeout=5000";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestDatabases() {}

    /**
     * A fresh, unmigrated database of this dialect. MySQL settings use a {@code jdbc:mysql:} URL, so the suite also
     * covers the rewrite to the MariaDB driver.
     */
    public static Fresh create(SqlDialect dialect) {
        return switch (dialect) {
            case SQLITE -> sqlite();
            case POSTGRESQL -> server(dialect, POSTGRES_ADMIN, "postgres",
                    "jdbc:postgresql://127.0.0.1:5432/", "DROP DATABASE IF EXISTS %s WITH (FORCE)",
                    "PostgreSQL is not reachable at 127.0.0.1:5432 as user postgres (trust auth). Start it with "
                            + "`service postgresql start` (Debian: apt-get install postgresql).");
            case MYSQL -> server(dialect, MARIADB_ADMIN, "root", "jdbc:mysql://127.0.0.1:3306/",
                    "DROP DATABASE IF EXISTS %s",
                    "MariaDB is not reachable at 127.0.0.1:3306 as root with an empty password. Start it with "
                            + "`service mariadb start` (Debian: apt-get install mariadb-server).");
        };
    }

    /** A fresh database of this dialect, migrated and open; closing the returned handle closes and drops it. */
    public static Opened open(SqlDialect dialect) {
        Fresh fresh = create(dialect);
        try {
            return new Opened(fresh, Database.open(fresh.settings()));
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
    }

    private static Fresh sqlite() {
        try {
            Path dir = Files.createTempDirectory("junction-store-");
            // A directory that does not exist yet: opening must create it.
            Path file = dir.resolve("nested").resolve("junction.db");
            return new Fresh(SqlDialect.SQLITE, DatabaseSettings.of("jdbc:sqlite:" + file), () -> deleteTree(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Fresh server(SqlDialect dialect, String adminUrl, String user, String baseUrl, String dropSql,
                                String howToStart) {
        String name = "junction_t_" + randomSuffix();
        try (Connection admin = DriverManager.getConnection(adminUrl, user, "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            fail(howToStart + " (" + e.getMessage() + ")", e);
        }
        DatabaseSettings settings = new DatabaseSettings(baseUrl + name, Optional.of(user), Optional.empty(), 4);
        return new Fresh(dialect, settings, () -> {
            try (Connection admin = DriverManager.getConnection(adminUrl, user, "");
                 Statement statement = admin.createStatement()) {
                statement.execute(dropSql.formatted(name));
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop test database " + name, e);
            }
        });
    }

    private static String randomSuffix() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh database's settings; {@link #close()} drops it (close any {@link Database} on it first). */
    public static final class Fresh implements AutoCloseable {

        private final SqlDialect dialect;
        private final DatabaseSettings settings;
        private final Runnable drop;

        Fresh(SqlDialect dialect, DatabaseSettings settings, Runnable drop) {
            this.dialect = dialect;
            this.settings = settings;
            this.drop = drop;
        }

        /** Its dialect. */
        public SqlDialect dialect() {
            return dialect;
        }

        /** How to open it. */
        public DatabaseSettings settings() {
            return settings;
        }

        /** Drops the database. */
        @Override
        public void close() {
            drop.run();
        }
    }

    /**
     * A fresh database, open.
     *
     * @param fresh the database
     * @param database its open store database
     */
    public record Opened(Fresh fresh, Database database) implements AutoCloseable {

        /** Closes the database, then drops it. */
        @Override
        public void close() {
            try {
                database.close();
            } finally {
                fresh.close();
            }
        }
    }
}
