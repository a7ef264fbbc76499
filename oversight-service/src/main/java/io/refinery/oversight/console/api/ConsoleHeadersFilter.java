package io.refinery.oversight.console.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Headers on every console page: a content security policy that allows only this service's own scripts, styles and
 * images (every asset is bundled; nothing comes from a CDN), no framing, no caching of pages that show people's
 * work, no MIME sniffing, and no referrer to other sites.
 */
public class ConsoleHeadersFilter {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (!ConsoleSession.underConsole(request.getUriInfo().getRequestUri().getPath())) {
            return;
        }
        var h = response.getHeaders();
        h.putSingle("Content-Security-Policy", POLICY);
        h.putSingle("X-Frame-Options", "DENY");
        h.putSingle("X-Content-Type-Options", "nosniff");
        h.putSingle("Referrer-Policy", "same-origin");
        h.putSingle("Cache-Control", "no-store");
    }
}
