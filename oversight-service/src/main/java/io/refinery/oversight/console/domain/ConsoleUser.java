package io.refinery.oversight.console.domain;

import java.util.List;
import java.util.Set;

import io.refinery.platform.api.Roles;

/**
 * Who is signed in to the console: the token's {@code sub} and the console roles of its {@code groups} claim, in the
 * order of DESIGN.md section 3. The same roles as the API decide what the pages offer.
 */
public record ConsoleUser(String name, List<String> roles) {

    /** The roles the console knows, least to most powerful. */
    public static final List<String> CONSOLE_ROLES = List.of(Roles.VIEWER, Roles.REVIEWER, Roles.APPROVER, Roles.ADMIN);

    public ConsoleUser {
        roles = List.copyOf(roles);
    }

    public static ConsoleUser of(String sub, Set<String> groups) {
        return new ConsoleUser(sub, CONSOLE_ROLES.stream().filter(groups::contains).toList());
    }

    /** Reviewers, approvers and admins decide, claim and release; viewers only read. */
    public boolean canDecide() {
        return roles.contains(Roles.REVIEWER) || hasApproverRights();
    }

    /** Approvers and admins give a four-eyes request's second approval and decide relaxations. */
    public boolean hasApproverRights() {
        return roles.contains(Roles.APPROVER) || isAdmin();
    }

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    public String rolesText() {
        return roles.isEmpty() ? "no console role" : String.join(", ", roles);
    }
}
