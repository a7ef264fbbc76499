package io.refinery.oversight.console.api;

import java.time.Instant;
import java.util.regex.Pattern;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.refinery.oversight.console.domain.ConsoleUser;
import io.refinery.oversight.console.domain.Notice;
import io.refinery.oversight.console.domain.SignInPage;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * {@code /console/sign-in}: the local way in. The form takes a token (locally printed by
 * {@code bin/refinery token reviewer --sub alice}), verifies it as the API would (RS256 signature, issuer, expiry;
 * smallrye-jwt's {@link JWTParser}), requires a console role, and keeps it in the session cookie until it expires.
 * In production an auth proxy sends {@code Authorization: Bearer} with every request and nobody needs this page.
 */
@Path(SignInResource.PATH)
@Produces("text/html;charset=UTF-8")
public class SignInResource {

    static final String PATH = "/console/sign-in";
    private static final Logger LOG = Logger.getLogger(SignInResource.class);
    private static final Pattern SAFE_NEXT = Pattern.compile("/console(/[A-Za-z0-9._~/-]*)?(\\?[A-Za-z0-9._~=&%+-]*)?");
    private static final String HOME = "/console/queue";

    private final JWTParser parser;
    private final ConsolePageErrors errors;

    public SignInResource(JWTParser parser, ConsolePageErrors errors) {
        this.parser = parser;
        this.errors = errors;
    }

    @GET
    @PermitAll
    public Response form(@QueryParam("next") String next, @QueryParam("notice") String notice,
            @CookieParam(ConsoleSession.SIGN_IN_COOKIE) String current, UriInfo uri) {
        String nonce = current != null && current.matches("[A-Za-z0-9_-]{43}") ? current : ConsoleSession.newNonce();
        return page(200, new SignInPage(ConsoleSession.csrfToken(nonce), safeNext(next), null, Notice.ofCode(notice)))
                .cookie(ConsoleSession.cookie(ConsoleSession.SIGN_IN_COOKIE, nonce, 3600, secure(uri))).build();
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("token") String token, @FormParam("next") String next,
            @CookieParam(ConsoleSession.SIGN_IN_COOKIE) String nonce, UriInfo uri) {
        String pasted = token == null ? "" : token.strip();
        String bearer = ConsoleSession.bearer(pasted);
        String raw = (bearer != null ? bearer : pasted).replaceAll("\\s+", "");
        String csrf = ConsoleSession.csrfToken(nonce);
        if (raw.isEmpty() || raw.length() > ConsoleSession.MAX_TOKEN) {
            return page(400, new SignInPage(csrf, safeNext(next), "Paste a token: the text printed by bin/refinery token.",
                    null)).build();
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(raw);
        } catch (ParseException e) {
            LOG.debugf("console sign-in refused: %s", e.getMessage());
            return page(401, new SignInPage(csrf, safeNext(next), "That token was not accepted: it is not a token signed by "
                    + "the Refinery issuer, or it has expired. Print a new one and try again.", null)).build();
        }
        ConsoleUser user = ConsoleUser.of(jwt.getSubject(), jwt.getGroups());
        if (jwt.getSubject() == null || jwt.getSubject().isBlank() || user.roles().isEmpty()) {
            return page(403, new SignInPage(csrf, safeNext(next), "That token is valid but holds none of the console's roles "
                    + "(viewer, reviewer, approver, admin), or names no user (sub).", null)).build();
        }
        long maxAge = jwt.getExpirationTime() - Instant.now().getEpochSecond();
        boolean secure = secure(uri);
        return ConsolePageErrors.seeOther(safeNext(next) == null ? HOME : safeNext(next))
                .cookie(ConsoleSession.cookie(ConsoleSession.SESSION_COOKIE, raw, maxAge, secure),
                        ConsoleSession.cleared(ConsoleSession.SIGN_IN_COOKIE, secure))
                .build();
    }

    @ServerExceptionMapper
    public Response failed(Exception e) {
        return errors.of(e);
    }

    /** Whether {@code next} is a console page of this service (no other host, no scheme, no {@code //}). */
    static boolean isSafeNext(String next) {
        return next != null && next.length() <= 512 && !next.contains("//") && !next.contains("..") && !next.startsWith(PATH)
                && SAFE_NEXT.matcher(next).matches();
    }

    private static String safeNext(String next) {
        return isSafeNext(next) ? next : null;
    }

    static boolean secure(UriInfo uri) {
        return "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
    }

    private static Response.ResponseBuilder page(int status, SignInPage page) {
        return Response.status(status).type(ConsolePageErrors.HTML).entity(ConsoleTemplates.signIn(page).render());
    }
}
