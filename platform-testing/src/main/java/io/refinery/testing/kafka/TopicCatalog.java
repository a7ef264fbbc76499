package io.refinery.testing.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The topics of DESIGN.md section 4, read from {@code kafka-runtime/topics.conf}, each with its dead-letter twin. */
public final class TopicCatalog {

    /** One topic to create. */
    public record TopicSpec(String name, int partitions, Map<String, String> configs) {
    }

    private TopicCatalog() {
    }

    public static List<TopicSpec> read(Path file) throws IOException {
        List<TopicSpec> topics = new ArrayList<>();
        int lineNo = 0;
        for (String raw : Files.readAllLines(file)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length < 2) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": expected '<name> <partitions> [configs]'");
            }
            Map<String, String> configs = new LinkedHashMap<>();
            if (parts.length > 2) {
                for (String kv : parts[2].split(",")) {
                    String[] pair = kv.split("=", 2);
                    configs.put(pair[0], pair[1]);
                }
            }
            TopicSpec topic = new TopicSpec(parts[0], Integer.parseInt(parts[1]), configs);
            topics.add(topic);
            topics.add(new TopicSpec(topic.name() + ".dlq", 1, Map.of()));
        }
        return topics;
    }
}
