package io.refinery.testing.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Bearer tokens signed with the committed dev key pair, as the services expect them (DESIGN.md section 3). */
public final class TestTokens {

    public static final String ISSUER = "https://refinery.io/issuer";
    public static final String PUBLIC_KEY_RESOURCE = "refinery-dev-keys/dev-public-key.pem";
    private static final String PRIVATE_KEY_RESOURCE = "refinery-dev-keys/dev-private-key.pem";
    private static final PrivateKey KEY = loadPrivateKey();

    private TestTokens() {
    }

    /** A token for user {@code sub} holding {@code roles} in its groups claim. */
    public static String token(String sub, String... roles) {
        return Jwt.issuer(ISSUER)
                .subject(sub)
                .upn(sub)
                .groups(Set.of(roles))
                .expiresIn(Duration.ofHours(1))
                .jws().keyId("refinery-dev")
                .sign(KEY);
    }

    /** {@code "Bearer <token>"} for an Authorization header. */
    public static String bearer(String sub, String... roles) {
        return "Bearer " + token(sub, roles);
    }

    /** The dev private key (for tests that forge tokens on purpose). */
    public static PrivateKey devKey() {
        return KEY;
    }

    /** The dev public key's PEM text, as bytes. */
    static byte[] publicKeyPem() {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(PUBLIC_KEY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PUBLIC_KEY_RESOURCE + " not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the dev public key", e);
        }
    }

    private static PrivateKey loadPrivateKey() {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(PRIVATE_KEY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PRIVATE_KEY_RESOURCE + " not on the classpath");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the dev private key", e);
        }
    }
}
