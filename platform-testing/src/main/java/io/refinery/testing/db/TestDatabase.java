package io.refinery.testing.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for one test run, so runs never see each other's data. The server comes from
 * {@code REFINERY_PG_HOST}, {@code REFINERY_PG_PORT}, {@code REFINERY_PG_USER} and {@code REFINERY_PG_PASSWORD}
 * (defaults 127.0.0.1, 5432, postgres, empty: the trust-auth server of the build machines).
 */
public final class TestDatabase {

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String name;

    private TestDatabase(String host, int port, String user, String password, String name) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    public static TestDatabase create(String prefix) {
        String host = env("REFINERY_PG_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("REFINERY_PG_PORT", "5432"));
        String user = env("REFINERY_PG_USER", "postgres");
        String password = env("REFINERY_PG_PASSWORD", "");
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase();
        TestDatabase db = new TestDatabase(host, port, user, password, name);
        db.admin("CREATE DATABASE " + name);
        return db;
    }

    public void drop() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    public String name() {
        return name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + name;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of this database reached through another address (a fault proxy in front of the server). */
    public String jdbcUrlVia(String viaHost, int viaPort) {
        return "jdbc:postgresql://" + viaHost + ":" + viaPort + "/" + name;
    }

    /** The reactive client's URL of this database reached through another address. */
    public String reactiveUrlVia(String viaHost, int viaPort) {
        return "postgresql://" + viaHost + ":" + viaPort + "/" + name;
    }

    /** A JDBC connection to this database, for tests that inspect or tamper with rows directly. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), credentials());
    }

    /** The single number {@code sql} selects, with {@code args} bound in order. */
    public long queryLong(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); java.sql.PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            try (java.sql.ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Runs one statement (tests that move a clock or tamper with rows). */
    public int update(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); java.sql.PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        }
    }

    /** Row counts of the given tables of {@code schema} (to show that refused requests wrote nothing). */
    public java.util.Map<String, Long> rowCounts(String schema, String... tables) throws SQLException {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : tables) {
            counts.put(table, queryLong("select count(*) from " + schema + "." + table));
        }
        return counts;
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
                credentials()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused: " + sql, e);
        }
    }

    private Properties credentials() {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return p;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
