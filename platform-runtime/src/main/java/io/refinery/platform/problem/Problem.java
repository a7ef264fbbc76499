package io.refinery.platform.problem;

import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem detail, served as {@code application/problem+json}. */
@Schema(name = "Problem", description = "RFC 9457 problem detail; errors name the fields at fault")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        @Schema(example = "https://refinery.io/problems/validation") String type,
        @Schema(example = "Invalid request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "2 fields are invalid") String detail,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://refinery.io/problems/";

    @Schema(name = "FieldError")
    public record FieldError(@Schema(example = "riskProfile.brandImpact") String field,
            @Schema(example = "must be one of [LOW, MEDIUM, HIGH]") String message) {
    }

    public static Problem of(Response.Status status, String slug, String detail) {
        return new Problem(TYPE_BASE + slug, status.getReasonPhrase(), status.getStatusCode(), detail, null);
    }

    /** A problem of the given status whose errors are the issues, each naming its field. */
    public static Problem of(int status, String slug, String title, String detail, List<FieldIssue> issues) {
        return new Problem(TYPE_BASE + slug, title, status, detail,
                issues.stream().map(i -> new FieldError(i.field(), i.message())).toList());
    }

    public static Problem invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new Problem(TYPE_BASE + "validation", "Invalid request", 400, detail, errors);
    }

    public static Problem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
