package io.refinery.testing.auth;

import static io.restassured.RestAssured.given;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The authorization matrix of a running service, generated from its own OpenAPI document, so that a new endpoint
 * cannot be missed: every operation is called with every role of DESIGN.md section 3, with no token, and with each
 * of {@link BadTokens}. Each operation's roles are read from the {@code @RolesAllowed} of the Java method its
 * operationId names (the services use the PACKAGE_CLASS_METHOD strategy). Expected: no token or a bad token 401; a
 * role outside the operation's 403; a role inside it anything but 401, 403 or a 5xx (the body is {@code {}} and
 * path parameters are a zero UUID, so most calls end in 400 or 404). An operation without a role annotation is a
 * failure too.
 */
public final class AuthorizationMatrix {

    public static final List<String> ROLES = List.of("ingest", "viewer", "reviewer", "approver", "admin");
    private static final String ZERO = "00000000-0000-0000-0000-000000000000";

    /** What a run found. */
    public record Result(int operations, int calls, List<String> failures) {
    }

    private AuthorizationMatrix() {
    }

    @SuppressWarnings("unchecked")
    public static Result run() {
        Map<String, Object> paths = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        Map<String, String> badTokens = BadTokens.all();
        List<String> failures = new ArrayList<>();
        int operations = 0;
        int calls = 0;
        for (var path : new TreeSet<>(paths.keySet())) {
            Map<String, Object> item = (Map<String, Object>) paths.get(path);
            for (var entry : item.entrySet()) {
                String method = entry.getKey().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    continue;
                }
                Map<String, Object> operation = (Map<String, Object>) entry.getValue();
                String name = method + " " + path;
                operations++;
                Set<String> allowed;
                try {
                    allowed = rolesOf((String) operation.get("operationId"));
                } catch (IllegalStateException e) {
                    failures.add(name + ": " + e.getMessage());
                    continue;
                }
                String url = path.replaceAll("\\{[^}]+}", ZERO);
                String contentType = contentType(operation);
                calls++;
                expect(failures, name, "no token", call(method, url, contentType, null), Set.of(401));
                for (var bad : badTokens.entrySet()) {
                    calls++;
                    expect(failures, name, bad.getKey(), call(method, url, contentType, bad.getValue()), Set.of(401));
                }
                for (String role : ROLES) {
                    calls++;
                    Response r = call(method, url, contentType, TestTokens.bearer("matrix-" + role, role));
                    if (allowed == null || allowed.contains(role)) {
                        if (r.statusCode() == 401 || r.statusCode() == 403 || r.statusCode() >= 500) {
                            failures.add(name + " as " + role + " (allowed): HTTP " + r.statusCode() + " " + r.asString());
                        }
                    } else {
                        expect(failures, name, "role " + role, r, Set.of(403));
                    }
                }
            }
        }
        return new Result(operations, calls, failures);
    }

    private static void expect(List<String> failures, String name, String as, Response r, Set<Integer> statuses) {
        if (!statuses.contains(r.statusCode())) {
            failures.add(name + " with " + as + ": HTTP " + r.statusCode() + ", expected " + statuses);
        }
    }

    private static Response call(String method, String url, String contentType, String authorization) {
        RequestSpecification request = given().header("Accept", "*/*");
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request = request.contentType(contentType).body(contentType.contains("json") ? "{}" : "");
        }
        return request.request(method, url);
    }

    @SuppressWarnings("unchecked")
    private static String contentType(Map<String, Object> operation) {
        Object body = operation.get("requestBody");
        if (!(body instanceof Map<?, ?> map) || !(map.get("content") instanceof Map<?, ?> content) || content.isEmpty()) {
            return null;
        }
        Set<String> types = (Set<String>) content.keySet();
        return types.contains("application/json") ? "application/json" : types.iterator().next();
    }

    /**
     * The roles of the Java method named by a PACKAGE_CLASS_METHOD operationId ({@code pkg.Class_method}); null when
     * it is open to everyone ({@code @PermitAll}).
     */
    static Set<String> rolesOf(String operationId) {
        if (operationId == null || operationId.lastIndexOf('_') < 0) {
            throw new IllegalStateException("operationId '" + operationId + "' does not name a Java method");
        }
        String className = operationId.substring(0, operationId.lastIndexOf('_'));
        String methodName = operationId.substring(operationId.lastIndexOf('_') + 1);
        Class<?> type;
        try {
            type = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no class " + className + " for operationId " + operationId);
        }
        Set<Set<String>> found = new LinkedHashSet<>();
        boolean open = false;
        for (Method m : type.getMethods()) {
            if (!m.getName().equals(methodName)) {
                continue;
            }
            RolesAllowed roles = m.getAnnotation(RolesAllowed.class);
            if (roles == null) {
                roles = type.getAnnotation(RolesAllowed.class);
            }
            if (m.isAnnotationPresent(PermitAll.class)) {
                open = true;
            } else if (roles == null) {
                throw new IllegalStateException("no @RolesAllowed on " + className + "." + methodName);
            } else {
                found.add(new TreeSet<>(Arrays.asList(roles.value())));
            }
        }
        if (open) {
            return null;
        }
        if (found.size() != 1) {
            throw new IllegalStateException(found.isEmpty() ? "no method " + methodName + " on " + className
                    : "overloads of " + className + "." + methodName + " disagree on their roles: " + found);
        }
        return found.iterator().next();
    }
}
