package org.otklik.server.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh PostgreSQL database for this test run, on the local server (127.0.0.1:5432, trust authentication unless
 * OTKLIK_TEST_PG_* say otherwise). Created on first use, dropped when the JVM exits.
 */
public final class TestDatabase {

    private static final String HOST = env("OTKLIK_TEST_PG_HOST", "127.0.0.1");
    private static final String PORT = env("OTKLIK_TEST_PG_PORT", "5432");
    private static final String USER = env("OTKLIK_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("OTKLIK_TEST_PG_PASSWORD", "");
    private static String name;

    private TestDatabase() {
    }

    public static synchronized String url() {
        if (name == null) {
            name = "otklik_it_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + "_"
                    + ThreadLocalRandom.current().nextInt(100_000);
            admin("create database " + name);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> admin("drop database if exists " + name
                    + " with (force)")));
        }
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
    }

    /** Another fresh database, for a second server process; dropped when the JVM exits. */
    public static synchronized String fresh(String purpose) {
        String other = "otklik_it_" + purpose + "_" + ThreadLocalRandom.current().nextInt(1_000_000);
        admin("create database " + other);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> admin("drop database if exists " + other
                + " with (force)")));
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + other;
    }

    public static String user() {
        return USER;
    }

    public static String password() {
        return PASSWORD;
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER,
                PASSWORD)) {
            c.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + HOST + ":" + PORT + " is needed for integration tests ("
                    + sql + "): " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
