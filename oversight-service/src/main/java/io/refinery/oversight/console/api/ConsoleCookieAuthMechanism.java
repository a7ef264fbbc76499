package io.refinery.oversight.console.api;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates console pages from the session cookie ({@link ConsoleSession#SESSION_COOKIE}), beside smallrye-jwt's
 * own bearer mechanism, which runs first and is unchanged: it answers every request that sends an Authorization
 * header, on /console and /api/v1 alike. This one only answers requests under /console that send no Authorization
 * header but the cookie, and verifies the cookie's token exactly like a bearer token (the same identity provider:
 * RS256 signature, issuer, expiry), so roles and {@code JsonWebToken} work the same on both. The JSON APIs never look
 * at the cookie (and the browser never sends it to them: its Path is /console).
 */
@ApplicationScoped
public class ConsoleCookieAuthMechanism implements HttpAuthenticationMechanism {

    /** Below smallrye-jwt's bearer mechanism (the default priority), so a bearer header always goes first. */
    static final int PRIORITY = DEFAULT_PRIORITY - 100;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = ConsoleSession.sessionToken(context);
        if (token == null) {
            return Uni.createFrom().optional(Optional.empty());
        }
        context.put(HttpAuthenticationMechanism.class.getName(), this);
        return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new TokenAuthenticationRequest(new JsonWebTokenCredential(token)), context));
    }

    /** No challenge of its own: the console's pages answer a missing session with a redirect to the sign-in page. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE,
                ConsoleSession.SESSION_COOKIE));
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
