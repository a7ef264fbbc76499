package io.refinery.oversight.console.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.vertx.ext.web.RoutingContext;

/**
 * Refuses every unsafe request under /console (POST, PUT, DELETE, PATCH) whose form does not carry the form token of
 * the credential it comes with ({@link ConsoleSession}): a 403 page, before any page handler runs. The sign-in form's
 * token goes with the sign-in nonce cookie instead, since there is no session yet. A post with no credential at all
 * (the session cookie expired in the browser) is left to the handler's role check, which leads to the sign-in page.
 * Requests outside /console, the JSON APIs, are not looked at.
 */
public class ConsoleCsrfFilter {

    private final ConsolePageErrors errors;

    public ConsoleCsrfFilter(ConsolePageErrors errors) {
        this.errors = errors;
    }

    @ServerRequestFilter
    @WithFormRead
    public Response check(ResteasyReactiveContainerRequestContext context, RoutingContext routing) {
        String method = context.getMethod();
        String path = routing.normalizedPath();
        if (!ConsoleSession.underConsole(path) || "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return null;
        }
        String secret = path.equals(SignInResource.PATH) ? ConsoleSession.cookie(routing.request(), ConsoleSession.SIGN_IN_COOKIE)
                : ConsoleSession.credential(routing.request());
        if (secret == null && !path.equals(SignInResource.PATH)) {
            // No session at all: there is nothing a forged form could act as. The page handler's role check sends the
            // person to sign in and back to the page the form was on (the typed text is kept by the page).
            return null;
        }
        Object given = ((ResteasyReactiveRequestContext) context.getServerRequestContext())
                .getFormParameter(ConsoleSession.CSRF_FIELD, true, false);
        if (given instanceof String token && ConsoleSession.csrfMatches(secret, token)) {
            return null;
        }
        return errors.csrfRefused();
    }
}
