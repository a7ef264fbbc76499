package io.refinery.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.refinery.testing.db.TestDatabase;
import io.refinery.testing.faults.TcpFaultProxy;
import io.refinery.testing.kafka.TestKafkaBroker;

/**
 * Real infrastructure for a service's {@code @QuarkusTest}s: a fresh PostgreSQL database and the JVM's Kafka
 * broker. The application reaches the database through a {@link TcpFaultProxy}, so a test can take the database
 * away ({@code databaseFaults().cut()}) and give it back; the test's own JDBC connections go straight to it. Register it with {@code @QuarkusTestResource(value = RefineryTestResource.class, restrictToAnnotatedClass = false)}
 * on one test class, or via a {@code @TestProfile}.
 */
public class RefineryTestResource implements QuarkusTestResourceLifecycleManager {

    private static TestDatabase database;
    private static TcpFaultProxy databaseProxy;

    private TestDatabase ownDatabase;
    private TcpFaultProxy ownProxy;

    /** The database of the running test application (for tests that look at rows directly). */
    public static TestDatabase database() {
        return database;
    }

    /** The proxy between the running test application and its database, for outage tests. */
    public static TcpFaultProxy databaseFaults() {
        return databaseProxy;
    }

    /** Bootstrap servers of the broker, for tests that produce or consume records themselves. */
    public static String bootstrapServers() {
        return TestKafkaBroker.get().bootstrapServers();
    }

    @Override
    public Map<String, String> start() {
        TestKafkaBroker broker = TestKafkaBroker.get();
        ownDatabase = TestDatabase.create("refinery_test");
        database = ownDatabase;
        ownProxy = TcpFaultProxy.start(ownDatabase.host(), ownDatabase.port());
        databaseProxy = ownProxy;
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("quarkus.datasource.jdbc.url", ownDatabase.jdbcUrlVia(ownProxy.host(), ownProxy.port()));
        config.put("quarkus.datasource.reactive.url", ownDatabase.reactiveUrlVia(ownProxy.host(), ownProxy.port()));
        config.put("quarkus.datasource.username", ownDatabase.user());
        config.put("quarkus.datasource.password", ownDatabase.password());
        return config;
    }

    @Override
    public void stop() {
        if (ownProxy != null) {
            ownProxy.close();
        }
        if (ownDatabase != null) {
            ownDatabase.drop();
        }
    }
}
