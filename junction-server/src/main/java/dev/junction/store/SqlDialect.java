package dev.junction.store;

/** The SQL databases the store runs on; each has its own migration folder. */
public enum SqlDialect {
    /** SQLite through sqlite-jdbc: a file (or memory) on one node. */
    SQLITE("sqlite"),
    /** PostgreSQL. */
    POSTGRESQL("postgresql"),
    /** MySQL or MariaDB, both through the MariaDB driver. */
    MYSQL("mysql");

    private final String folder;

    SqlDialect(String folder) {
        this.folder = folder;
    }

    /** The Flyway location of this dialect's migrations. */
    public String migrationLocation() {
        return "classpath:db/migration/" + folder;
    }

    /**
     * The dialect of a JDBC URL: {@code jdbc:sqlite:}, {@code jdbc:postgresql:}, {@code jdbc:mariadb:} or
     * {@code jdbc:mysql:}.
     *
     * @throws IllegalArgumentException for any other scheme
     */
    public static SqlDialect ofUrl(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return MYSQL;
        }
        throw new IllegalArgumentException("unsupported database URL '" + JdbcUrls.redact(url)
                + "': expected jdbc:sqlite:<file>, jdbc:postgresql://…, jdbc:mariadb://… or jdbc:mysql://…");
    }
}
