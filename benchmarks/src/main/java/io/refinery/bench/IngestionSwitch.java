package io.refinery.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** metrics-service's pause switch for ingestion from Kafka; waits until the answering replica has followed it. */
final class IngestionSwitch {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private IngestionSwitch() {
    }

    static void set(Config config, boolean paused) throws Exception {
        URI uri = URI.create(config.metricsUrl() + "/api/v1/ingestion/kafka");
        HttpRequest put = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + config.token())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"paused\": " + paused + ", \"reason\": \"benchmark backlog\"}"))
                .timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> answer = HTTP.send(put, HttpResponse.BodyHandlers.ofString());
        Main.check(answer.statusCode() == 200, "PUT " + uri + " answered " + answer.statusCode() + ": " + answer.body());
        String expected = "\"pausedOnThisReplica\":" + paused;
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            HttpRequest get = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + config.token())
                    .timeout(Duration.ofSeconds(10)).build();
            String body = HTTP.send(get, HttpResponse.BodyHandlers.ofString()).body();
            if (body.replace(" ", "").contains(expected)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("metrics-service did not follow the ingestion switch (paused=" + paused + ") within 15 s");
    }
}
