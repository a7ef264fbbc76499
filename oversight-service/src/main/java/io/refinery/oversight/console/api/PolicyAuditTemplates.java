package io.refinery.oversight.console.api;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.refinery.oversight.console.domain.AuditPage;
import io.refinery.oversight.console.domain.PolicyListPage;
import io.refinery.oversight.console.domain.PolicyPage;
import io.refinery.oversight.console.domain.PolicyPreviewPage;

/**
 * The policy and audit pages, {@code src/main/resources/templates/console/{policies,policy,policyPreview,audit}.html};
 * checked against these types at build time, every value escaped.
 */
@CheckedTemplate(basePath = "console")
final class PolicyAuditTemplates {

    private PolicyAuditTemplates() {
    }

    static native TemplateInstance policies(PolicyListPage page);

    static native TemplateInstance policy(PolicyPage page);

    static native TemplateInstance policyPreview(PolicyPreviewPage page);

    static native TemplateInstance audit(AuditPage page);
}
