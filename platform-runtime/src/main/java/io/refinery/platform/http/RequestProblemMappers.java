package io.refinery.platform.http;

import java.util.Arrays;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.refinery.platform.problem.Problem;


/**
 * Bad input of every kind becomes a 400 problem naming the field at fault, never a 500: bean-validation violations
 * and bodies Jackson cannot read. A service maps the input exceptions of its own pure packages beside these.
 */
public class RequestProblemMappers {

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problem.invalid(errors).toResponse();
    }

    /** Listed one by one: each type must beat the framework's own mapper for it. */
    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class, UnrecognizedPropertyException.class,
            ValueInstantiationException.class })
    public Response unreadableJson(JsonProcessingException e) {
        return problemOf(e).toResponse();
    }

    /** The problem for a body Jackson could not read: malformed JSON, a wrong type, an unknown enum value or field. */
    public static Problem problemOf(JsonProcessingException e) {
        if (e instanceof JsonParseException parse) {
            return Problem.invalid("body", "malformed JSON at line " + parse.getLocation().getLineNr() + ", column "
                    + parse.getLocation().getColumnNr());
        }
        if (e instanceof JsonMappingException mapping) {
            if (mapping.getPath().isEmpty() && mapping.getMessage() != null && mapping.getMessage().contains("end-of-input")) {
                return Problem.invalid("body", "malformed JSON: unexpected end of input");
            }
            return Problem.invalid(pathOf(mapping), messageOf(mapping));
        }
        return Problem.invalid("body", "unreadable JSON");
    }

    private static String messageOf(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return "must be one of " + Arrays.toString(f.getTargetType().getEnumConstants());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "must be " + describe(m.getTargetType());
        }
        return "invalid value";
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        StringBuilder field = new StringBuilder();
        boolean inParameter = false;
        String parameter = null;
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                inParameter = true;
                parameter = node.getName();
                continue;
            }
            if (!inParameter || node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
                if (node.getName() == null) {
                    continue;
                }
            }
            if (node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        if (!field.isEmpty()) {
            return field.toString();
        }
        return parameter == null || "request".equals(parameter) ? "body" : parameter;
    }
}
