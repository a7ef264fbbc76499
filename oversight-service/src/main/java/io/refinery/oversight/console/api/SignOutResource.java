package io.refinery.oversight.console.api;


import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code POST /console/sign-out}: clears the session cookie (the form carries the session's form token, so another
 * site cannot sign anyone out) and shows the sign-in page. Behind an auth proxy the proxy holds the session.
 */
@Path("/console/sign-out")
public class SignOutResource {

    private final ConsolePageErrors errors;

    public SignOutResource(ConsolePageErrors errors) {
        this.errors = errors;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(UriInfo uri) {
        return ConsolePageErrors.seeOther(SignInResource.PATH + "?notice=signed-out")
                .cookie(ConsoleSession.cleared(ConsoleSession.SESSION_COOKIE, SignInResource.secure(uri))).build();
    }

    @ServerExceptionMapper
    public Response failed(Exception e) {
        return errors.of(e);
    }
}
