package io.refinery.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.platform.messaging.PoisonMessageException;

class EventFieldsTest {

    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void messagesNameTheFieldWhatWasExpectedAndWhatCame() throws Exception {
        JsonNode data = json("{\"id\": 42, \"when\": \"yesterday\", \"name\": \" \", \"n\": \"7\", \"o\": [1]}");
        assertThatThrownBy(() -> EventFields.uuid(data, "data.id")).isInstanceOf(PoisonMessageException.class)
                .hasMessage("data.id must be a UUID string, got the number 42");
        assertThatThrownBy(() -> EventFields.uuid(data, "data.missing")).hasMessage("data.missing is required");
        assertThatThrownBy(() -> EventFields.instant(data, "data.when"))
                .hasMessage("data.when must be an ISO-8601 UTC timestamp, got \"yesterday\"");
        assertThatThrownBy(() -> EventFields.text(data, "data.name")).hasMessage("data.name must not be blank");
        assertThatThrownBy(() -> EventFields.optionalNumber(data, "data.n"))
                .hasMessage("data.n must be a number, got the string \"7\"");
        assertThatThrownBy(() -> EventFields.object(data, "data.o")).hasMessage("data.o must be an object, got an array");
    }

    @Test
    void clientIdsFollowTheOneRule() throws Exception {
        JsonNode data = json("{\"a\": \"order:2026-11-24.A_7\", \"b\": \"a b\", \"c\": 42, \"d\": \"" + "x".repeat(129) + "\"}");
        assertThat(EventFields.clientId(data, "data.a")).isEqualTo("order:2026-11-24.A_7");
        assertThatThrownBy(() -> EventFields.clientId(data, "data.b")).isInstanceOf(PoisonMessageException.class)
                .hasMessage("data.b must be 1-128 characters of A-Z a-z 0-9 . _ : - (a UUID is fine), got \"a b\"");
        assertThatThrownBy(() -> EventFields.clientId(data, "data.c"))
                .hasMessage("data.c must be 1-128 characters of A-Z a-z 0-9 . _ : - (a UUID is fine), got the number 42");
        assertThatThrownBy(() -> EventFields.clientId(data, "data.d")).hasMessageStartingWith("data.d must be 1-128 characters");
        assertThatThrownBy(() -> EventFields.clientId(data, "data.e")).hasMessage("data.e is required");
    }

    @Test
    void goodValuesAreRead() throws Exception {
        UUID id = UUID.randomUUID();
        JsonNode data = json("{\"id\": \"" + id + "\", \"at\": \"2026-12-05T07:00:00Z\", \"x\": 0.5, \"nothing\": null}");
        assertThat(EventFields.uuid(data, "data.id")).isEqualTo(id);
        assertThat(EventFields.instant(data, "data.at")).isEqualTo(Instant.parse("2026-12-05T07:00:00Z"));
        assertThat(EventFields.optionalNumber(data, "data.x")).isEqualTo(0.5);
        assertThat(EventFields.optionalNumber(data, "data.nothing")).isNull();
        assertThat(EventFields.optionalText(data, "data.absent")).isNull();
    }
}
