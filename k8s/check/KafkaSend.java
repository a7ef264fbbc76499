import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends one record to a topic and waits for the broker's acknowledgement. Used by live.py to feed a record
 * the consumer must refuse (it then lands on the topic's .dlq twin), so that dead-letter panels and the
 * RefineryDeadLetters rule are checked against real data.
 *
 *   java -cp "$(cat kafka-runtime/target/kafka-classpath.txt)" k8s/check/KafkaSend.java BOOTSTRAP TOPIC KEY VALUE
 */
public class KafkaSend {
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: KafkaSend BOOTSTRAP TOPIC KEY VALUE");
            System.exit(2);
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(args[1], args[2], args[3].getBytes(StandardCharsets.UTF_8))).get();
        }
    }
}
