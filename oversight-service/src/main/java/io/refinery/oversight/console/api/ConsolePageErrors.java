package io.refinery.oversight.console.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;

import io.refinery.oversight.console.domain.ErrorPage;
import io.refinery.platform.http.ServiceUnavailable;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.refinery.platform.problem.NotFoundProblem;

/**
 * How the console answers when a page cannot be shown: a signed-out reader is sent to the sign-in page (and a bad or
 * expired session cookie is cleared), a missing role or form token is a 403 page, an unknown request a 404 page, an
 * outage a 503 page, anything else a logged 500 page. Never JSON: these are pages a person reads.
 */
@ApplicationScoped
public class ConsolePageErrors {

    private static final Logger LOG = Logger.getLogger(ConsolePageErrors.class);
    static final MediaType HTML = MediaType.valueOf("text/html;charset=UTF-8");

    /** A form's post under one of these pages comes back to the page after sign-in (e.g. a review's decision). */
    private static final Pattern FORM_PAGE = Pattern.compile("^(/console/(?:reviews/[^/]+|systems/[^/]+/policy))/.+$");

    /**
     * To the sign-in page, back to this page afterwards when it was a GET, or to the page a form was posted from (a
     * session that expired while someone wrote a rationale brings them back to it; the console keeps the typed text).
     */
    public Response signIn(UriInfo uri, String method, boolean clearSession) {
        String path = uri.getRequestUri().getRawPath();
        String next = "GET".equals(method) ? path
                + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery()) : formPage(path);
        String location = SignInResource.PATH + (next == null || !SignInResource.isSafeNext(next) ? ""
                : "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        Response.ResponseBuilder r = seeOther(location);
        if (clearSession) {
            r.cookie(ConsoleSession.cleared(ConsoleSession.SESSION_COOKIE, "https".equals(uri.getRequestUri().getScheme())));
        }
        return r.build();
    }

    /** The page a form posted to {@code path} belongs to, or null. */
    static String formPage(String path) {
        Matcher m = FORM_PAGE.matcher(path);
        return m.matches() ? m.group(1) : null;
    }

    /**
     * A 303 to {@code path} on this service, kept relative (RFC 9110 allows it) so that it stays right behind a proxy
     * that does not forward the host it was reached by.
     */
    static Response.ResponseBuilder seeOther(String path) {
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, path);
    }

    public Response forbidden() {
        return page(new ErrorPage(403, "Not allowed", "Your roles do not allow this. Deciding, claiming and releasing need "
                + "the reviewer, approver or admin role; a viewer can read every page.", "/console/queue", "Back to the queue"));
    }

    public Response csrfRefused() {
        return page(new ErrorPage(403, "Form not accepted", "This form did not come from your current console session (its "
                + "form token is missing or belongs to another session), so nothing was done. Go back, reload the page and "
                + "try again.", "/console/queue", "Back to the queue"));
    }

    /** The page for a failure of a page handler. */
    public Response of(Throwable e) {
        if (e instanceof NotFoundProblem) {
            return page(new ErrorPage(404, "Not found", e.getMessage() + ". It may have been sent under another id; the "
                    + "queue lists every request.", "/console/queue", "Back to the queue"));
        }
        if (e instanceof InvalidFieldsProblem invalid) {
            return page(new ErrorPage(400, "Not a valid address", invalid.issues().isEmpty() ? e.getMessage()
                    : invalid.issues().get(0).field() + " " + invalid.issues().get(0).message(), "/console/queue",
                    "Back to the queue"));
        }
        if (e instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            return page(new ErrorPage(status.getStatusCode(), status.getReasonPhrase(), "This address or form cannot be "
                    + "used this way (HTTP " + status.getStatusCode() + "). Nothing was changed.", "/console/queue",
                    "Back to the queue"));
        }
        if (ServiceUnavailable.isOutage(e)) {
            LOG.warnf("console page unavailable: %s", e.toString());
            return page(new ErrorPage(503, "Temporarily unavailable", "The database did not answer in time. Nothing was "
                    + "changed; try again in a few seconds.", "/console/queue", "Try the queue"));
        }
        LOG.error("console page failed", e);
        return page(new ErrorPage(500, "Something went wrong", "The page could not be shown; the error has been logged. "
                + "Nothing was changed.", "/console/queue", "Back to the queue"));
    }

    public Response page(ErrorPage page) {
        return Response.status(page.status()).type(HTML).entity(ConsoleTemplates.error(page).render()).build();
    }
}
