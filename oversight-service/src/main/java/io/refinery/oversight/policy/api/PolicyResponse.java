package io.refinery.oversight.policy.api;

import java.time.Instant;

import io.refinery.oversight.policy.domain.PolicyDocument;
import io.refinery.oversight.policy.domain.PolicyService;

/** One version of a system's policy. */
public record PolicyResponse(String systemKey, int version, PolicyDocument policy, Instant createdAt, String createdBy) {

    static PolicyResponse of(PolicyService.Versioned v) {
        return new PolicyResponse(v.row().systemKey, v.row().version, v.document(), v.row().createdAt, v.row().createdBy);
    }
}
