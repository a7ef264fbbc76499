package io.refinery.testing.kafka;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A single-node Apache Kafka broker (KRaft, combined broker and controller) in a process of its own.
 * <p>
 * Formats its log directory on first use, starts {@code kafka.Kafka}, creates the catalogue's topics, waits until
 * the broker's metadata lists all of them, then writes {@code <dir>/ready}. With {@code --parent-pid} it exits
 * when that process does, so a test JVM killed with -9 never orphans a broker. Its classpath is this module plus
 * {@code kafka-runtime/target/kafka-classpath.txt}; the broker's jars never join a service's classpath.
 * <pre>
 * java -cp CP io.refinery.testing.kafka.KafkaNode --dir D --port 9092 --controller-port 9093 --topics topics.conf [--parent-pid P]
 * </pre>
 */
public final class KafkaNode {

    public static final String READY_FILE = "ready";

    private KafkaNode() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Path dir = Path.of(require(opts, "dir")).toAbsolutePath();
        int port = Integer.parseInt(require(opts, "port"));
        int controllerPort = Integer.parseInt(require(opts, "controller-port"));
        Path topics = Path.of(require(opts, "topics"));
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(READY_FILE));

        if (opts.containsKey("parent-pid")) {
            long parent = Long.parseLong(opts.get("parent-pid"));
            ProcessHandle.of(parent).ifPresentOrElse(
                    p -> p.onExit().thenRun(() -> System.exit(0)),
                    () -> System.exit(0));
        }

        Path config = writeServerProperties(dir, port, controllerPort);
        Path logDir = dir.resolve("data");
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(config);
        }
        Thread topicCreator = new Thread(() -> createTopicsWhenUp(dir, port, topics), "topic-creator");
        topicCreator.setDaemon(true);
        topicCreator.start();

        Method kafkaMain = Class.forName("kafka.Kafka").getMethod("main", String[].class);
        kafkaMain.invoke(null, (Object) new String[] { config.toString() });
    }

    private static Path writeServerProperties(Path dir, int port, int controllerPort) throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("data").toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "false");
        Path file = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, "Refinery single-node KRaft broker");
        }
        return file;
    }

    private static void format(Path config) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process format = new ProcessBuilder(java,
                "-Dlog4j2.configurationFile=" + System.getProperty("log4j2.configurationFile", ""),
                "-cp", System.getProperty("java.class.path"),
                "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString())
                .inheritIO().start();
        if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IllegalStateException("kafka storage format failed for " + config);
        }
    }

    private static void createTopicsWhenUp(Path dir, int port, Path topicsFile) {
        try {
            waitForPort(port);
            List<TopicCatalog.TopicSpec> specs = TopicCatalog.read(topicsFile);
            Map<String, Object> conf = new HashMap<>();
            conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
            try (Admin admin = Admin.create(conf)) {
                for (TopicCatalog.TopicSpec spec : specs) {
                    NewTopic topic = new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs());
                    try {
                        admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
                Set<String> wanted = specs.stream().map(TopicCatalog.TopicSpec::name).collect(Collectors.toSet());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(wanted)
                        || !allDescribed(admin, wanted)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("topics not visible in metadata after 60 s");
                    }
                    Thread.sleep(100);
                }
            }
            Files.writeString(dir.resolve(READY_FILE), "127.0.0.1:" + port);
            System.out.println("[refinery] kafka ready on 127.0.0.1:" + port + " with " + specs.size() + " topics");
        } catch (Exception e) {
            System.err.println("[refinery] could not prepare topics: " + e);
            e.printStackTrace();
            System.exit(3);
        }
    }

    private static boolean allDescribed(Admin admin, Set<String> wanted) {
        try {
            return admin.describeTopics(wanted).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (Exception e) {
            return false;
        }
    }

    private static void waitForPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("broker port " + port + " did not open within 120 s");
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        return opts;
    }

    private static String require(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return v;
    }
}
