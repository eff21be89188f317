package dev.junction.store;

import dev.junction.replica.ReplicaChannel;
import dev.junction.secret.Secret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replica messages as PostgreSQL notifications ({@code LISTEN}/{@code NOTIFY} on {@value #CHANNEL}, which the database
 * scopes to itself), so that replicas of a PostgreSQL store reach each other with no Redis, or while Redis is away.
 * Two connections of its own, outside the pool: one listens on a dedicated thread, one sends from a single sender
 * thread whose queue drops the oldest messages when the database is away. Both reconnect by themselves. Thread safe;
 * the listener runs on the listening thread.
 */
public final class PostgresReplicaChannel implements ReplicaChannel {

    /** The notification channel. */
    static final String CHANNEL = "junction_governance";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresReplicaChannel.class);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration CHECK = Duration.ofSeconds(5);

    private final DatabaseSettings settings;
    private final Consumer<String> listener;
    private final ThreadPoolExecutor sender;
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private final Thread listening;
    private volatile boolean connected;
    private volatile boolean closed;
    private Connection sending; // confined to the sender thread

    private PostgresReplicaChannel(DatabaseSettings settings, Consumer<String> listener) {
        this.settings = settings;
        this.listener = listener;
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(64),
                Thread.ofPlatform().name("junction-pg-notify").daemon(true).factory(),
                new ThreadPoolExecutor.DiscardOldestPolicy());
        this.listening = Thread.ofPlatform().name("junction-pg-listen").daemon(true).unstarted(this::listen);
    }

    /**
     * Starts listening when the store is PostgreSQL, waiting up to five seconds for the first {@code LISTEN} (so that
     * no notification sent after this returns is missed while the database is up); empty for other databases.
     */
    public static Optional<ReplicaChannel> open(DatabaseSettings settings, Consumer<String> listener) {
        if (SqlDialect.ofUrl(settings.url()) != SqlDialect.POSTGRESQL) {
            return Optional.empty();
        }
        PostgresReplicaChannel channel = new PostgresReplicaChannel(settings, listener);
        channel.listening.start();
        try {
            channel.firstAttempt.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.of(channel);
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        settings.user().ifPresent(u -> properties.setProperty("user", u));
        settings.password().map(Secret::reveal).ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "junction-replicas");
        return DriverManager.getConnection(JdbcUrls.forDriver(settings.url()), properties);
    }

    private void listen() {
        while (!closed) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                connected = true;
                firstAttempt.countDown();
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                if (connected && !closed) {
                    LOG.atWarn().addKeyValue("error", e.toString())
                            .log("Lost the PostgreSQL notification channel to the other replicas; reconnecting");
                }
            }
            connected = false;
            firstAttempt.countDown();
            pause();
        }
    }

    /** Delivers notifications until the connection fails or the channel closes. */
    private void receive(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long checked = System.nanoTime();
        while (!closed) {
            PGNotification[] notifications = pg.getNotifications(250);
            if (notifications != null) {
                for (PGNotification n : notifications) {
                    deliver(n.getParameter());
                }
            }
            if (System.nanoTime() - checked > CHECK.toNanos()) {
                if (!connection.isValid(2)) { // a connection that silently died gives no notification and no error
                    throw new SQLException("the notification connection stopped answering");
                }
                checked = System.nanoTime();
            }
        }
    }

    private void deliver(String message) {
        try {
            listener.accept(message);
        } catch (RuntimeException e) {
            LOG.error("A replica message could not be handled", e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public void publish(String message) {
        if (!closed) {
            sender.execute(() -> send(message));
        }
    }

    /** On the sender thread: one try, and one more on a fresh connection. */
    private void send(String message) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                if (sending == null || sending.isClosed()) {
                    sending = connect();
                }
                try (PreparedStatement notify = sending.prepareStatement("SELECT pg_notify(?, ?)")) {
                    notify.setString(1, CHANNEL);
                    notify.setString(2, message);
                    notify.execute();
                }
                return;
            } catch (SQLException e) {
                closeSending();
            }
        }
        LOG.atDebug().log("Could not send a replica message as a PostgreSQL notification");
    }

    private void closeSending() {
        if (sending != null) {
            try {
                sending.close();
            } catch (SQLException e) {
                // it is going anyway
            }
            sending = null;
        }
    }

    @Override
    public boolean connected() {
        return connected;
    }

    /** Sends what is queued (a goodbye), waiting up to a second, then closes both connections. */
    @Override
    public void close() {
        sender.execute(this::closeSending);
        sender.shutdown();
        try {
            sender.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        listening.interrupt();
    }
}
