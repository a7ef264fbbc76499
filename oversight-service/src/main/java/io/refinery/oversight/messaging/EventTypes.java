package io.refinery.oversight.messaging;

/** Topics and CloudEvent types this service publishes (DESIGN.md section 4). */
public final class EventTypes {

    public static final String SYSTEMS_TOPIC = "refinery.systems";
    public static final String SYSTEM_REGISTERED = "io.refinery.oversight.system.registered.v1";
    public static final String SYSTEM_UPDATED = "io.refinery.oversight.system.updated.v1";

    private EventTypes() {
    }
}
