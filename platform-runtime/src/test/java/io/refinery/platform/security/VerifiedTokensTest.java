package io.refinery.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final long NOW = 1_800_000_000L;

    @Test
    void aVerifiedTokenIsServedUntilItsExpiry() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(100, 3600);
        tokens.put("header.claims.signature", "alice", NOW + 60, NOW);

        assertThat(tokens.get("header.claims.signature", NOW)).isEqualTo("alice");
        assertThat(tokens.get("header.claims.signature", NOW + 59)).isEqualTo("alice");
        assertThat(tokens.get("header.claims.signature", NOW + 60)).as("at exp").isNull();
        assertThat(tokens.size()).as("an expired entry found is dropped").isZero();
    }

    @Test
    void onlyTheSameTokenMatches() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(100, 3600);
        tokens.put("header.claims.signature", "alice", NOW + 600, NOW);

        assertThat(tokens.get("header.claims.signaturf", NOW)).as("another signature").isNull();
        assertThat(tokens.get("header.claims.signature ", NOW)).as("a longer text").isNull();
        assertThat(tokens.get("header.claims.signatur", NOW)).as("a prefix").isNull();
        assertThat(tokens.get("", NOW)).isNull();
    }

    @Test
    void maxAgeCapsHowLongATokenIsTrustedWithoutVerifyingItAgain() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(100, 600);
        tokens.put("t", "alice", NOW + 7200, NOW);

        assertThat(tokens.get("t", NOW + 599)).isEqualTo("alice");
        assertThat(tokens.get("t", NOW + 600)).isNull();
    }

    @Test
    void tokensWithoutAFutureExpiryAreNotKept() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(100, 600);
        tokens.put("no exp", "alice", 0, NOW);
        tokens.put("expired", "alice", NOW - 1, NOW);
        tokens.put("expiring now", "alice", NOW, NOW);

        assertThat(tokens.size()).isZero();
    }

    @Test
    void theSizeIsBoundedDroppingExpiredEntriesFirst() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(10, 3600);
        for (int i = 0; i < 5; i++) {
            tokens.put("short-" + i, "s" + i, NOW + 10, NOW);
        }
        for (int i = 0; i < 5; i++) {
            tokens.put("long-" + i, "l" + i, NOW + 3000, NOW);
        }
        tokens.put("new", "n", NOW + 3000, NOW + 20);

        assertThat(tokens.size()).isEqualTo(6);
        for (int i = 0; i < 5; i++) {
            assertThat(tokens.get("long-" + i, NOW + 20)).isEqualTo("l" + i);
        }
        assertThat(tokens.get("new", NOW + 20)).isEqualTo("n");

        for (int i = 0; i < 1000; i++) {
            tokens.put("flood-" + i, "f", NOW + 3000, NOW + 20);
            assertThat(tokens.size()).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void sizeZeroTurnsTheCacheOff() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(0, 600);
        tokens.put("t", "alice", NOW + 60, NOW);

        assertThat(tokens.get("t", NOW)).isNull();
        assertThat(tokens.size()).isZero();
        assertThatThrownBy(() -> new VerifiedTokens<>(-1, 600)).isInstanceOf(IllegalArgumentException.class);
    }
}
