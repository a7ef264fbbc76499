package io.refinery.testing.auth;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.smallrye.jwt.build.Jwt;

/**
 * Authorization headers that must all be refused with 401, each holding the admin role so that only the token's
 * flaw can be the reason: no signature (alg none), another key, expired, another issuer, HS256 keyed with the public
 * key (the algorithm-confusion attack), no expiry, and text that is no token at all.
 */
public final class BadTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private BadTokens() {
    }

    /** Name of the flaw → the {@code Authorization} header value. */
    public static Map<String, String> all() {
        Map<String, String> bad = new LinkedHashMap<>();
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + TestTokens.ISSUER + "\",\"sub\":\"mallory\",\"upn\":\"mallory\","
                + "\"groups\":[\"admin\"],\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}";
        String noExp = "{\"iss\":\"" + TestTokens.ISSUER + "\",\"sub\":\"mallory\",\"upn\":\"mallory\","
                + "\"groups\":[\"admin\"],\"iat\":" + now + "}";
        bad.put("alg none", "Bearer " + b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims) + ".");
        bad.put("foreign key", "Bearer " + Jwt.issuer(TestTokens.ISSUER).subject("mallory").upn("mallory")
                .groups(Set.of("admin")).expiresIn(Duration.ofHours(1)).jws().keyId("refinery-dev").sign(foreignKey()));
        bad.put("expired", "Bearer " + Jwt.issuer(TestTokens.ISSUER).subject("mallory").upn("mallory")
                .groups(Set.of("admin")).issuedAt(now - 7200).expiresAt(now - 3600).jws().keyId("refinery-dev")
                .sign(TestTokens.devKey()));
        bad.put("wrong issuer", "Bearer " + Jwt.issuer("https://evil.example/issuer").subject("mallory").upn("mallory")
                .groups(Set.of("admin")).expiresIn(Duration.ofHours(1)).jws().keyId("refinery-dev").sign(TestTokens.devKey()));
        bad.put("HS256 keyed with the public key", "Bearer " + hs256(claims, TestTokens.publicKeyPem()));
        bad.put("no exp", "Bearer " + rs256(noExp, TestTokens.devKey()));
        bad.put("not a token", "Bearer not.a.token");
        bad.put("not bearer", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)));
        return bad;
    }

    private static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String hs256(String claims, byte[] secret) {
        String input = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"refinery-dev\"}") + "." + b64(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rs256(String claims, PrivateKey key) {
        String input = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"refinery-dev\"}") + "." + b64(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey foreignKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
