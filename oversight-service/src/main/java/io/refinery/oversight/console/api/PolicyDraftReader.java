package io.refinery.oversight.console.api;

import java.util.Comparator;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.oversight.console.domain.FormProblem;
import io.refinery.oversight.console.domain.PolicyPages;
import io.refinery.oversight.policy.api.PolicyRequest;
import io.refinery.platform.http.RequestProblemMappers;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.refinery.platform.problem.Problem;

/**
 * Reads the policy edit form's text exactly as {@code PUT /api/v1/systems/{key}/policies} reads its body: the service's
 * JSON mapper (strict types, unknown and duplicate fields refused) into {@link PolicyRequest}, bean validation, then
 * the policy's own checks ({@code toDocument().toPolicy()}). A refusal is a {@link FormProblem} naming the field and,
 * where the text has it, the line.
 */
@ApplicationScoped
public class PolicyDraftReader {

    /** The longest text accepted: 200 rules written out fit in well under this. */
    static final int MAX_CHARS = 200_000;
    static final String FIELD = "policy";

    private final ObjectMapper mapper;
    private final Validator validator;

    public PolicyDraftReader(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    public PolicyPages.Draft read(String text) {
        if (text == null || text.isBlank()) {
            throw new FormProblem(FIELD, "The policy is empty: write it as JSON, for example {\"rules\": []}.");
        }
        if (text.length() > MAX_CHARS) {
            throw new FormProblem(FIELD, "The policy is longer than " + MAX_CHARS + " characters.");
        }
        PolicyRequest request;
        try {
            request = mapper.readValue(text, PolicyRequest.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            if (e.getOriginalMessage() != null && e.getOriginalMessage().contains("end-of-input")) {
                throw new FormProblem(FIELD, "The policy: malformed JSON, it ends too early (unclosed [ or {)"
                        + (at == null ? "" : " at line " + at.getLineNr()));
            }
            Problem.FieldError error = RequestProblemMappers.problemOf(e).errors().get(0);
            throw problem(error.field(), error.message(), at == null ? -1 : at.getLineNr(), text);
        }
        if (request == null) {
            throw new FormProblem(FIELD, "The policy is empty: write it as JSON, for example {\"rules\": []}.");
        }
        Set<ConstraintViolation<PolicyRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            ConstraintViolation<PolicyRequest> first = violations.stream()
                    .min(Comparator.comparing(PolicyDraftReader::fieldOf)).orElseThrow();
            throw problem(fieldOf(first), first.getMessage(), -1, text);
        }
        try {
            var document = request.toDocument();
            document.toPolicy();
            return new PolicyPages.Draft(text, document, request.tierShifts() != null);
        } catch (InvalidFieldsProblem e) {
            throw problem(e.issues().get(0).field(), e.issues().get(0).message(), -1, text);
        }
    }

    private FormProblem problem(String field, String message, int line, String text) {
        int at = "body".equals(field) ? message.contains("line") ? -1 : line : lineOf(field, text);
        String where = "body".equals(field) ? "The policy" : field;
        return new FormProblem(FIELD, where + ": " + message + (at > 0 ? " (line " + at + ")" : ""));
    }

    /** The line where {@code field} ({@code rules[0].conditions[1]}) is written, or -1. */
    int lineOf(String field, String text) {
        String pointer = "/" + field.replace("[", "/").replace("]", "").replace('.', '/');
        try (JsonParser p = mapper.getFactory().createParser(text)) {
            while (p.nextToken() != null) {
                if (p.getParsingContext().pathAsPointer().toString().equals(pointer)) {
                    return p.currentTokenLocation().getLineNr();
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    /** {@code rules[0].actionType}, as the API's problem names it. */
    static String fieldOf(ConstraintViolation<?> v) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }
}
