package io.refinery.oversight.console.api;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.refinery.oversight.console.domain.ConsoleFrame;
import io.refinery.oversight.console.domain.ConsoleQueue;
import io.refinery.oversight.console.domain.ConsoleUser;
import io.smallrye.mutiny.Uni;

/** Builds what every page shows around its content for the signed-in caller: user, roles, overdue count, form token. */
@ApplicationScoped
public class ConsoleFrames {

    private final ConsoleQueue queue;

    public ConsoleFrames(ConsoleQueue queue) {
        this.queue = queue;
    }

    public Uni<ConsoleFrame> of(JsonWebToken caller, String section) {
        ConsoleUser user = user(caller);
        String csrf = ConsoleSession.csrfToken(caller.getRawToken());
        return queue.overdue().map(overdue -> new ConsoleFrame(user, overdue, csrf, section));
    }

    static ConsoleUser user(JsonWebToken caller) {
        return ConsoleUser.of(caller.getSubject(), caller.getGroups());
    }
}
