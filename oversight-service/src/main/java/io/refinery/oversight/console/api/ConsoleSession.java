package io.refinery.oversight.console.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.ws.rs.core.NewCookie;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The console's session and form tokens. A session is the signed-in person's JWT in the cookie
 * {@value #SESSION_COOKIE} (HttpOnly, SameSite=Strict, Path=/console, Secure over https), read only for paths under
 * /console and only when no Authorization header is sent (an auth proxy's bearer token wins).
 * <p>
 * Form tokens (CSRF, synchronizer pattern without server state): every form carries
 * {@code base64url(SHA-256("refinery-console-csrf\n" + secret))}, where the secret is the credential the request is
 * authenticated with (the session cookie's or the proxy's bearer token; page scripts can read neither), or for the
 * sign-in form a random nonce in the HttpOnly cookie {@value #SIGN_IN_COOKIE}. Any replica can check a token, and a
 * token is worthless with any other session.
 */
final class ConsoleSession {

    static final String SESSION_COOKIE = "refinery_console";
    static final String SIGN_IN_COOKIE = "refinery_console_signin";
    static final String PATH = "/console";
    static final String CSRF_FIELD = "csrf";
    static final int MAX_TOKEN = 16_384;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsoleSession() {
    }

    static boolean underConsole(String path) {
        return path != null && (path.equals(PATH) || path.startsWith(PATH + "/"));
    }

    /** The bearer token of an {@code Authorization: Bearer ...} header, or null. */
    static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    /**
     * The session cookie's token when this request is under /console (by its normalized path, the one it is routed by)
     * and sends no Authorization header, else null.
     */
    static String sessionToken(RoutingContext routing) {
        if (!underConsole(routing.normalizedPath()) || routing.request().getHeader("Authorization") != null) {
            return null;
        }
        return cookie(routing.request(), SESSION_COOKIE);
    }

    /** What the request is authenticated with under /console: the bearer token, else the session cookie's token. */
    static String credential(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null ? bearer(authorization) : cookie(request, SESSION_COOKIE);
    }

    static String cookie(HttpServerRequest request, String name) {
        Cookie c = request.getCookie(name);
        if (c == null || c.getValue() == null || c.getValue().isBlank() || c.getValue().length() > MAX_TOKEN) {
            return null;
        }
        return c.getValue();
    }

    /** The form token that goes with {@code secret}. */
    static String csrfToken(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("refinery-console-csrf\n" + secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Whether {@code given} is the form token of {@code secret}, compared in constant time. */
    static boolean csrfMatches(String secret, String given) {
        if (secret == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(csrfToken(secret).getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.UTF_8));
    }

    static String newNonce() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static NewCookie cookie(String name, String value, long maxAgeSeconds, boolean secure) {
        return new NewCookie.Builder(name).value(value).path(PATH).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge((int) Math.max(0, Math.min(Integer.MAX_VALUE, maxAgeSeconds)))
                .build();
    }

    /** A cookie that makes the browser forget {@code name}. */
    static NewCookie cleared(String name, boolean secure) {
        return new NewCookie.Builder(name).value("").path(PATH).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(0).expiry(new java.util.Date(0)).build();
    }
}
