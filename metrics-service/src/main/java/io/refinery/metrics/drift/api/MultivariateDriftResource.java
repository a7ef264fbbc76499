package io.refinery.metrics.drift.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.refinery.metrics.drift.stats.DomainClassifierDrift;
import io.refinery.metrics.drift.stats.ReconstructionDrift;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.InvalidFieldsProblem;

/**
 * Stateless multivariate drift, {@code POST /api/v1/drift/multivariate}: the data-reconstruction check of
 * {@link ReconstructionDrift}. Runs on a worker thread (plain return type): the work grows with rows × features².
 */
@Path(MultivariateDriftResource.PATH)
@Tag(name = "Drift")
@SecurityRequirement(name = "jwt")
public class MultivariateDriftResource {

    /** Up to 1,000,000 values in all, within the service's usual body limit (refinery.http.max-body-size, 16 MB). */
    public static final String PATH = "/api/v1/drift/multivariate";

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.VIEWER, Roles.ADMIN })
    @Operation(summary = "Drift across several numerical features at once (data reconstruction with PCA)",
            description = "As NannyML's data reconstruction drift: the features are standardised on the reference, "
                    + "PCA on the reference keeps the fewest components explaining varianceToKeep (0.65) of the "
                    + "variance, and each period's error is the mean Euclidean distance between a row and its "
                    + "reconstruction. The band is the reference chunks' mean error ± 3 standard deviations; a period "
                    + "outside it has drifted, even when every feature's own distribution is unchanged (a broken "
                    + "correlation). Per feature: the squared reconstruction error, its ratio to the reference's (what "
                    + "moved) and the standardised mean shift. And per period a domain classifier: a logistic "
                    + "regression telling the period's rows from the reference's, its out-of-fold AUROC (5 folds; "
                    + "drifted at 0.6 or above), its coefficients and each feature's own AUROC. Up to 1,000,000 values "
                    + "in all (bodies up to 16 MB).")
    @APIResponse(responseCode = "200", description = "The reference band and each period's reading")
    @APIResponse(responseCode = "400", description = "The field at fault named: features, reference, chunks[i].rows[r][j], "
            + "referenceChunkSize, varianceToKeep")
    public MultivariateDriftResponse compare(MultivariateDriftRequest request) {
        if (request == null) {
            throw new InvalidFieldsProblem("body", "is required: {features, reference, chunks}");
        }
        MultivariateDriftRequest.ReconstructionDriftInput in = request.checked();
        ReconstructionDrift.Result reconstruction = ReconstructionDrift.compute(in.features(), in.reference(),
                in.referenceChunkSize(), in.chunks(), in.varianceToKeep());
        List<MultivariateDriftResponse.PeriodClassifier> classifiers = new ArrayList<>();
        for (ReconstructionDrift.Chunk c : in.chunks()) {
            classifiers.add(new MultivariateDriftResponse.PeriodClassifier(c.label(), DomainClassifierDrift.compute(
                    in.features(), in.reference(), c.rows(), in.folds(), in.ridge(), in.threshold())));
        }
        return new MultivariateDriftResponse(reconstruction, classifiers);
    }
}
