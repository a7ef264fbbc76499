package io.refinery.platform.events;

/** An event about one AI system: its key, which is also the record key of the topic it travels on. */
public interface AboutSystem {

    String systemKey();
}
