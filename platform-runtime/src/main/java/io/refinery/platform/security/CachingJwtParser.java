package io.refinery.platform.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The JWT parser smallrye-jwt's bearer authentication uses, with a cache of tokens already verified: the RSA
 * signature check of the same token is done once, not on every request a client sends with it (a shop's service
 * calling assignment on each page view reuses one token for hours). Misses, and every other method, go to
 * smallrye-jwt's own parser, so what is accepted does not change; see {@link VerifiedTokens} for expiry, bounds and
 * keys.
 *
 * <p>Settings: {@code refinery.auth.token-cache.max-size} (10,000 tokens; 0 turns the cache off) and
 * {@code refinery.auth.token-cache.max-age} (PT10M, the longest a token is served without verifying it again).
 * Meters: {@code refinery_auth_token_cache_hits_total}, {@code ..._misses_total} and the gauge
 * {@code refinery_auth_token_cache_size}.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    private final DefaultJWTParser verifier;
    private final VerifiedTokens<JsonWebToken> verified;
    private final Counter hits;
    private final Counter misses;

    public CachingJwtParser(DefaultJWTParser verifier, MeterRegistry registry,
            @ConfigProperty(name = "refinery.auth.token-cache.max-size", defaultValue = "10000") int maxSize,
            @ConfigProperty(name = "refinery.auth.token-cache.max-age", defaultValue = "PT10M") Duration maxAge) {
        this.verifier = verifier;
        this.verified = new VerifiedTokens<>(maxSize, maxAge.toSeconds());
        this.hits = Counter.builder("refinery_auth_token_cache_hits").description("Bearer tokens found verified")
                .register(registry);
        this.misses = Counter.builder("refinery_auth_token_cache_misses")
                .description("Bearer tokens verified (signature and claims)").register(registry);
        Gauge.builder("refinery_auth_token_cache_size", verified, VerifiedTokens::size)
                .description("Verified bearer tokens kept").register(registry);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = Instant.now().getEpochSecond();
        JsonWebToken known = verified.get(token, now);
        if (known != null) {
            hits.increment();
            return known;
        }
        misses.increment();
        JsonWebToken parsed = verifier.parse(token);
        verified.put(token, parsed, parsed.getExpirationTime(), now);
        return parsed;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
