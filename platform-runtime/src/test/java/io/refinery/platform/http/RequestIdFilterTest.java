package io.refinery.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.refinery.platform.ids.ClientId;

class RequestIdFilterTest {

    @Test
    void newIdsAreVersionFourUuidsThatDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = RequestIdFilter.newId();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(ClientId.isValid(id)).as("a caller may send it back as its own X-Request-Id").isTrue();
            assertThat(seen.add(id)).isTrue();
        }
    }
}
