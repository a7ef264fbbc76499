package io.refinery.platform.security;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer authentication of {@code /api/*} calls with a cache of verified identities, in front of Quarkus' own.
 *
 * <p>A shop's service calls assignment on every page view and reuses one token for hours. Quarkus authenticates each
 * call anew: the bearer mechanism, the identity provider manager, smallrye-jwt's RS256 signature check and a new
 * identity, chained through several lazy steps. This route runs right after Quarkus' authentication handler has
 * registered its lazy identity, and before authorization. For a token it has verified before (signature, issuer,
 * expiry, by smallrye-jwt's own parser with the service's settings) it sets the identity built then, with the same
 * principal, roles ({@code groups}) and credential as smallrye-jwt's validator builds. {@code @RolesAllowed} and
 * every other check then run on it unchanged.
 *
 * <p>A token it has not seen is verified here once and its identity kept, see {@link VerifiedTokens} for how long
 * (until {@code exp}, at most {@code refinery.auth.token-cache.max-age}) and how many
 * ({@code refinery.auth.token-cache.max-size}). A token that fails verification is not kept and the request goes on
 * untouched: Quarkus verifies it again and answers 401 as before. Anything that is not an {@code Authorization:
 * Bearer} header is left to Quarkus too.
 *
 * <p>Off ({@code max-size = 0}), or when the application has identity augmentors or reads its token from another
 * header (this route would skip them), every call goes through Quarkus alone. Meters:
 * {@code refinery_auth_token_cache_{hits,misses}_total} and the gauge {@code refinery_auth_token_cache_size}.
 */
@ApplicationScoped
public class VerifiedBearerAuthentication {

    /** Route order: after Quarkus' authentication handler (order -200), before its authorization (order -100). */
    static final int ORDER = -SecurityHandlerPriorities.AUTHENTICATION + 10;

    private static final Logger LOG = Logger.getLogger(VerifiedBearerAuthentication.class);
    private static final String SCHEME = "bearer ";

    private final DefaultJWTParser verifier;
    private final VerifiedTokens<SecurityIdentity> verified;
    private final boolean enabled;
    private final Counter hits;
    private final Counter misses;

    public VerifiedBearerAuthentication(DefaultJWTParser verifier, JWTAuthContextInfo context,
            Instance<SecurityIdentityAugmentor> augmentors, MeterRegistry registry,
            @ConfigProperty(name = "refinery.auth.token-cache.max-size", defaultValue = "10000") int maxSize,
            @ConfigProperty(name = "refinery.auth.token-cache.max-age", defaultValue = "PT10M") Duration maxAge) {
        this.verifier = verifier;
        this.verified = new VerifiedTokens<>(maxSize, maxAge.toSeconds());
        boolean standardHeader = "Authorization".equalsIgnoreCase(context.getTokenHeader());
        boolean augmented = augmentors.iterator().hasNext();
        if (maxSize > 0 && (!standardHeader || augmented)) {
            LOG.warnf("verified-token cache off: %s", augmented ? "the application augments identities"
                    : "tokens are read from " + context.getTokenHeader());
        }
        this.enabled = maxSize > 0 && standardHeader && !augmented;
        this.hits = Counter.builder("refinery_auth_token_cache_hits").description("Bearer tokens found verified")
                .register(registry);
        this.misses = Counter.builder("refinery_auth_token_cache_misses")
                .description("Bearer tokens verified (signature and claims)").register(registry);
        Gauge.builder("refinery_auth_token_cache_size", verified, VerifiedTokens::size)
                .description("Verified bearer tokens kept").register(registry);
    }

    void install(@Observes Router router) {
        if (enabled) {
            router.route("/api/*").order(ORDER).handler(this::authenticate);
        }
    }

    private void authenticate(RoutingContext ctx) {
        String token = bearerToken(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (token != null) {
            SecurityIdentity identity = identityOf(token, System.currentTimeMillis() / 1000);
            if (identity != null) {
                QuarkusHttpUser.setIdentity(identity, ctx);
            }
        }
        ctx.next();
    }

    /** The identity of a verified token, from the cache or verified now; null when it does not verify. */
    SecurityIdentity identityOf(String token, long now) {
        SecurityIdentity known = verified.get(token, now);
        if (known != null) {
            hits.increment();
            return known;
        }
        misses.increment();
        JsonWebToken jwt;
        try {
            jwt = verifier.parse(token);
        } catch (ParseException e) {
            return null;
        }
        SecurityIdentity identity = QuarkusSecurityIdentity.builder().setPrincipal(jwt)
                .addCredential(new JsonWebTokenCredential(token)).addRoles(jwt.getGroups())
                .addAttribute(SecurityIdentity.USER_ATTRIBUTE, jwt).build();
        verified.put(token, identity, jwt.getExpirationTime(), now);
        return identity;
    }

    /** The token of an {@code Authorization: Bearer <token>} header (the scheme in any case), else null. */
    static String bearerToken(String header) {
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String token = header.substring(SCHEME.length()).trim();
        return token.isEmpty() || token.indexOf(' ') >= 0 ? null : token;
    }
}
