package io.refinery.testing.kafka;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts one real Kafka broker per test JVM on free ports and a temporary log directory, and stops it by pid.
 * Needs the system properties {@code refinery.kafka.classpath} (file written by the kafka-runtime module) and
 * {@code refinery.kafka.topics} (the topic catalogue), both set by the parent pom's surefire configuration.
 */
public final class TestKafkaBroker {

    private static TestKafkaBroker instance;

    private final Process process;
    private final Path dir;
    private final String bootstrapServers;

    private TestKafkaBroker(Process process, Path dir, String bootstrapServers) {
        this.process = process;
        this.dir = dir;
        this.bootstrapServers = bootstrapServers;
    }

    /** The broker of this JVM, started on first call. */
    public static synchronized TestKafkaBroker get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(TestKafkaBroker::stopInstance, "kafka-broker-stop"));
        }
        return instance;
    }

    public static synchronized void stopInstance() {
        if (instance != null) {
            instance.stop();
            instance = null;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path logFile() {
        return dir.resolve("broker.log");
    }

    private static TestKafkaBroker start() {
        try {
            Path classpathFile = Path.of(requiredProperty("refinery.kafka.classpath"));
            Path topics = Path.of(requiredProperty("refinery.kafka.topics"));
            String kafkaClasspath = Files.readString(classpathFile).strip();
            String ownLocation = Path.of(KafkaNode.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            Path dir = Files.createTempDirectory("refinery-test-kafka-");
            int port = freePort();
            int controllerPort = freePort();
            Path log4j = dir.resolve("log4j2.properties");
            try (var in = TestKafkaBroker.class.getClassLoader().getResourceAsStream("refinery-kafka-log4j2.properties")) {
                Files.copy(in, log4j);
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dlog4j2.configurationFile=" + log4j,
                    "-cp", ownLocation + File.pathSeparator + kafkaClasspath,
                    KafkaNode.class.getName(),
                    "--dir", dir.toString(), "--port", Integer.toString(port),
                    "--controller-port", Integer.toString(controllerPort),
                    "--topics", topics.toString(),
                    "--parent-pid", Long.toString(ProcessHandle.current().pid())));
            Process process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("broker.log").toFile())
                    .start();
            long started = System.nanoTime();
            TestKafkaBroker broker = new TestKafkaBroker(process, dir, "127.0.0.1:" + port);
            broker.awaitReady(TimeUnit.SECONDS.toNanos(120));
            System.out.printf("[refinery] test Kafka broker ready on %s in %d ms (log %s)%n", broker.bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), broker.logFile());
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(long timeoutNanos) throws IOException {
        long deadline = System.nanoTime() + timeoutNanos;
        Path ready = dir.resolve(KafkaNode.READY_FILE);
        while (!Files.exists(ready)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String log = Files.exists(logFile()) ? Files.readString(logFile()) : "(no log)";
                stop();
                throw new IllegalStateException("test Kafka broker did not become ready; its log:\n" + log);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteRecursively(dir);
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is harmless
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run the tests through Maven");
        }
        return value;
    }
}
