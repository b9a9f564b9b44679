package org.otklik.server.shared;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Several server processes on one PostgreSQL database ({@code otklik.cluster.enabled=true}).
 *
 * <p>One node leads: it holds a session-level advisory lock on a connection of its own, and only the leader routes
 * (queues, slots and assignments live in one process's memory, ADR 0004) and polls platforms. When the leader dies
 * its connection closes, PostgreSQL releases the lock, and another node takes it within {@code otklik.cluster.
 * check-interval}, rebuilding routing from the database. Nodes tell each other about changes with LISTEN/NOTIFY:
 * {@link #publish} in a transaction is delivered to the other nodes when it commits.
 *
 * <p>Without clustering (the default, and always on the embedded database) this node is the leader and publishing
 * does nothing.
 */
@Component
public class Cluster extends DaemonLoop {

    /** Topics nodes publish on. */
    public static final String ROUTING = "otklik_routing";
    public static final String LIVE = "otklik_live";
    private static final long LEADER_LOCK = 0x6f746b6c6bL; // "otklk"
    private static final Logger log = LoggerFactory.getLogger(Cluster.class);

    private final boolean enabled;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final long checkMillis;
    private final String node = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    private final List<Consumer<Boolean>> leadershipListeners = new CopyOnWriteArrayList<>();
    private volatile boolean leader;

    Cluster(@Value("${otklik.cluster.enabled:false}") boolean enabled,
            @Value("${otklik.cluster.check-interval:1s}") java.time.Duration checkInterval,
            DataSource dataSource, JdbcClient jdbc) {
        super("otklik-cluster");
        this.enabled = enabled && isPostgres(dataSource);
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.checkMillis = checkInterval.toMillis();
        this.leader = !this.enabled;
        if (enabled && !this.enabled) {
            log.warn("cluster: otklik.cluster.enabled needs PostgreSQL; running as a single node");
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** Whether this node leads (always, on a single node). */
    public boolean isLeader() {
        return leader;
    }

    public String node() {
        return node;
    }

    /** Calls {@code listener} with true when this node becomes the leader, false when it stops being one. */
    public void onLeadership(Consumer<Boolean> listener) {
        leadershipListeners.add(listener);
    }

    /** Calls {@code subscriber} with the payload of every message another node publishes on {@code topic}. */
    public void subscribe(String topic, Consumer<String> subscriber) {
        subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(subscriber);
    }

    /** Tells the other nodes, when the current transaction commits (at once without one). */
    public void publish(String topic, String payload) {
        if (enabled) {
            jdbc.sql("select pg_notify(?, ?)").params(topic, node + ":" + payload)
                    .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> { });
        }
    }

    @Override
    protected void loop() {
        while (running()) {
            try (Connection c = ownConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("listen " + ROUTING);
                s.execute("listen " + LIVE);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running()) {
                    if (!leader) {
                        try (var rs = s.executeQuery("select pg_try_advisory_lock(" + LEADER_LOCK + ")")) {
                            rs.next();
                            if (rs.getBoolean(1)) {
                                setLeader(true);
                            }
                        }
                    }
                    PGNotification[] notes = pg.getNotifications((int) checkMillis);
                    if (notes == null) {
                        try (var rs = s.executeQuery("select 1")) { // the connection (and the lock) still stands
                            rs.next();
                        }
                        continue;
                    }
                    for (PGNotification n : notes) {
                        deliver(n.getName(), n.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (running()) {
                    log.warn("cluster: lost the database connection ({}); leadership released", e.getMessage());
                }
            } finally {
                setLeader(false);
            }
            sleep(checkMillis);
        }
    }

    /**
     * A physical connection of the cluster's own, outside the pool: the lock belongs to its session, and a pooled
     * connection handed back to the pool would keep holding it after this node let go.
     */
    private Connection ownConnection() throws SQLException {
        if (dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari) {
            return java.sql.DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(),
                    hikari.getPassword());
        }
        return dataSource.getConnection();
    }

    private void deliver(String topic, String message) {
        int colon = message.indexOf(':');
        if (colon < 0 || message.substring(0, colon).equals(node)) {
            return; // our own
        }
        String payload = message.substring(colon + 1);
        for (Consumer<String> s : subscribers.getOrDefault(topic, List.of())) {
            try {
                s.accept(payload);
            } catch (RuntimeException e) {
                log.warn("cluster: a {} subscriber failed: {}", topic, e.toString());
            }
        }
    }

    private void setLeader(boolean now) {
        if (leader == now) {
            return;
        }
        leader = now;
        log.info("cluster: node {} {} the leader", node, now ? "is now" : "is no longer");
        for (Consumer<Boolean> l : leadershipListeners) {
            try {
                l.accept(now);
            } catch (RuntimeException e) {
                log.warn("cluster: a leadership listener failed: {}", e.toString());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    protected boolean wanted() {
        return enabled;
    }
}
