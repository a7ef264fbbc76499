package io.refinery.oversight.audit.api;

import static io.refinery.oversight.OversightApi.ADMIN;
import static io.refinery.oversight.OversightApi.INGEST;
import static io.refinery.oversight.OversightApi.VIEWER;
import static io.refinery.oversight.OversightApi.last;
import static io.refinery.oversight.OversightApi.pricingPolicy;
import static io.refinery.oversight.OversightApi.register;
import static io.refinery.oversight.OversightApi.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.oversight.clock.ShiftableClock;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.kafka.TestTopics;

@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class AuditAndSlaTest {

    @Test
    void verifyFindsARowAlteredDirectlyInTheDatabase() throws Exception {
        register("audit-sys", "LOW");
        pricingPolicy("audit-sys");
        submit(INGEST, UUID.randomUUID(), "audit-sys", 0.3, 10).statusCode(201);
        given().header("Authorization", VIEWER).get("/api/v1/audit/verify").then().statusCode(200)
                .body("status", equalTo("OK")).body("checked", greaterThanOrEqualTo(2));
        long target = RefineryTestResource.database().queryLong(
                "select min(seq) from oversight.audit_log where system_key = 'audit-sys' and action = 'REVIEW_SUBMITTED'");

        try (Connection c = RefineryTestResource.database().connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update oversight.audit_log set actor = 'mallory' where seq = " + target))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("delete from oversight.audit_log where seq = " + target))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        String original;
        try (Connection c = RefineryTestResource.database().connect(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("select actor from oversight.audit_log where seq = " + target);
            rs.next();
            original = rs.getString(1);
            s.execute("alter table oversight.audit_log disable trigger audit_log_append_only");
            s.executeUpdate("update oversight.audit_log set actor = 'mallory' where seq = " + target);
            s.execute("alter table oversight.audit_log enable trigger audit_log_append_only");
        }
        try {
            given().header("Authorization", VIEWER).get("/api/v1/audit/verify").then().statusCode(200)
                    .body("status", equalTo("BROKEN")).body("firstBrokenSeq", equalTo((int) target))
                    .body("reason", containsString("content"));
        } finally {
            try (Connection c = RefineryTestResource.database().connect(); Statement s = c.createStatement()) {
                s.execute("set session_replication_role = replica");
                s.executeUpdate("update oversight.audit_log set actor = '" + original + "' where seq = " + target);
            }
        }
        given().header("Authorization", VIEWER).get("/api/v1/audit/verify").then().body("status", equalTo("OK"));
    }

    @Test
    void overdueRequestsEscalateOnceWithTheControllableClock() throws Exception {
        register("sla-sys", "LOW");
        pricingPolicy("sla-sys");
        UUID id = UUID.randomUUID();
        submit(INGEST, id, "sla-sys", 0.3, 9000).statusCode(201).body("escalationRole", equalTo("pricing-leads"));
        given().header("Authorization", ADMIN).post("/api/v1/reviews/escalations").then().statusCode(200);
        given().header("Authorization", VIEWER).get("/api/v1/reviews/" + id).then().body("escalatedAt", nullValue());
        given().header("Authorization", VIEWER).get("/q/metrics").then()
                .body(containsString("refinery_oversight_pending{system=\"sla-sys\",tier=\"REVIEW_AND_APPROVAL\"} 1.0"))
                .body(containsString("refinery_oversight_overdue{system=\"sla-sys\",tier=\"REVIEW_AND_APPROVAL\"} 0.0"));

        ShiftableClock.shift(Duration.ofHours(3));
        try {
            given().header("Authorization", ADMIN).post("/api/v1/reviews/escalations").then().statusCode(200)
                    .body("escalated", greaterThanOrEqualTo(1));
            given().header("Authorization", VIEWER).get("/api/v1/reviews/" + id).then().body("escalatedAt", notNullValue())
                    .body("state", equalTo("PENDING"));
            given().header("Authorization", VIEWER).get("/q/metrics").then()
                    .body(containsString("refinery_oversight_overdue{system=\"sla-sys\",tier=\"REVIEW_AND_APPROVAL\"} 1.0"));
            given().header("Authorization", ADMIN).post("/api/v1/reviews/escalations").then().statusCode(200);
        } finally {
            ShiftableClock.reset();
        }
        assertThat(RefineryTestResource.database().queryLong(
                "select count(*) from oversight.audit_log where subject_id = ? and action = 'REVIEW_ESCALATED'", id.toString()))
                .isEqualTo(1);
        var overdue = last(TestTopics.awaitRecord(RefineryTestResource.bootstrapServers(), "refinery.oversight.requests",
                r -> r.value().contains("review.overdue") && r.value().contains(id.toString()), Duration.ofSeconds(20)));
        assertThat(overdue.value()).contains("pricing-leads");
        given().header("Authorization", INGEST).post("/api/v1/reviews/escalations").then().statusCode(403);
    }
}
