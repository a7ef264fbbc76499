package io.refinery.platform.api;

/** The roles of DESIGN.md section 3, carried in the token's {@code groups} claim. */
public final class Roles {

    public static final String INGEST = "ingest";
    public static final String VIEWER = "viewer";
    public static final String REVIEWER = "reviewer";
    public static final String APPROVER = "approver";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
