package io.refinery.oversight.system.domain;

/** The topic and CloudEvent types of the AI system registry (DESIGN.md section 4). */
public final class SystemEventTypes {

    public static final String SYSTEMS_TOPIC = "refinery.systems";
    public static final String SYSTEM_REGISTERED = "io.refinery.oversight.system.registered.v1";
    public static final String SYSTEM_UPDATED = "io.refinery.oversight.system.updated.v1";

    private SystemEventTypes() {
    }
}
