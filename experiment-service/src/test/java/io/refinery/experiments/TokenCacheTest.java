package io.refinery.experiments;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.auth.BadTokens;
import io.refinery.testing.auth.TestTokens;
import io.smallrye.jwt.build.Jwt;

/**
 * Issue 20: verified bearer tokens are cached (platform-runtime VerifiedBearerAuthentication) without changing what is accepted.
 * Counted through the service's own meters on /q/metrics.
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class TokenCacheTest {

    @Test
    void aTokenIsVerifiedOnceAndThenServedFromTheCache() {
        String bearer = TestTokens.bearer("cache-user", "ingest");
        double misses = meter("misses");
        double hits = meter("hits");

        for (int i = 0; i < 5; i++) {
            given().header("Authorization", bearer).get("/api/v1/ping").then().statusCode(200);
        }

        assertThat(meter("misses") - misses).isEqualTo(1);
        assertThat(meter("hits") - hits).isEqualTo(4);
        given().get("/ping").then().statusCode(200);
    }

    @Test
    void aCachedTokenKeepsItsOwnRoles() {
        String ingest = TestTokens.bearer("cache-ingest", "ingest");
        String admin = TestTokens.bearer("cache-admin", "admin");
        given().header("Authorization", admin).get("/api/v1/ping").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", ingest).get("/api/v1/experiments").then().statusCode(403);
            given().header("Authorization", admin).get("/api/v1/experiments").then().statusCode(200);
        }
    }

    @Test
    void badTokensAreRefusedEveryTimeAndNeverKept() {
        given().header("Authorization", TestTokens.bearer("cache-warm", "viewer")).get("/api/v1/ping").then()
                .statusCode(200);
        Map<String, String> bad = BadTokens.all();
        double size = meter("size");
        for (int round = 0; round < 2; round++) {
            for (var token : bad.entrySet()) {
                int status = given().header("Authorization", token.getValue()).get("/api/v1/ping").statusCode();
                assertThat(status).as(token.getKey() + ", round " + round).isEqualTo(401);
            }
        }
        assertThat(meter("size")).isEqualTo(size);
    }

    @Test
    void aTokenIsVerifiedAgainOnceItExpires() throws InterruptedException {
        long exp = Instant.now().getEpochSecond() + 2;
        String bearer = "Bearer " + Jwt.issuer(TestTokens.ISSUER).subject("cache-short").upn("cache-short")
                .groups(Set.of("viewer")).expiresAt(exp).jws().keyId("refinery-dev").sign(TestTokens.devKey());
        double misses = meter("misses");
        given().header("Authorization", bearer).get("/api/v1/ping").then().statusCode(200);
        given().header("Authorization", bearer).get("/api/v1/ping").then().statusCode(200);
        assertThat(meter("misses") - misses).isEqualTo(1);

        Thread.sleep(Duration.ofSeconds(exp - Instant.now().getEpochSecond() + 1).toMillis());

        // Past exp the cache no longer answers; smallrye-jwt decides again (it allows 60 s of clock skew).
        given().header("Authorization", bearer).get("/api/v1/ping").then().statusCode(200);
        assertThat(meter("misses") - misses).isEqualTo(2);
    }

    private static double meter(String name) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String metric = "size".equals(name) ? "refinery_auth_token_cache_size" : "refinery_auth_token_cache_" + name + "_total";
        Matcher m = Pattern.compile("(?m)^" + metric + "(\\{[^}]*})? ([0-9.E+-]+)$").matcher(text);
        assertThat(m.find()).as(metric + " on /q/metrics").isTrue();
        return Double.parseDouble(m.group(2));
    }
}
