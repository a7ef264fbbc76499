package io.refinery.platform.events;

import java.util.UUID;

/**
 * An event as a consumer receives it: the CloudEvent's {@code id} (what the consumer's processed-event ledger keys
 * on) and its typed {@code data}.
 */
public record ReceivedEvent<T>(UUID id, T data) {
}
