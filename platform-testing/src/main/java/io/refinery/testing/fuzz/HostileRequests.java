package io.refinery.testing.fuzz;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.refinery.testing.auth.TestTokens;
import io.restassured.response.Response;

/**
 * A fuzz test of a running service, generated from its OpenAPI document: every operation that takes a JSON body gets
 * hostile bodies (broken JSON, bytes that are not UTF-8, wrong types, out-of-range numbers, huge and empty strings,
 * deep nesting, unknown fields, the operation's own field names with hostile values), and every GET gets hostile
 * query parameters. All are sent with an admin token, so validation and not authorization answers them. Seeded, so a
 * failure replays. Records every 5xx, and the statuses seen.
 */
public final class HostileRequests {

    private static final String ZERO = "00000000-0000-0000-0000-000000000000";
    private static final String[] STRINGS = {"", " ", "\u0000", "null", "-1", "NaN", "1e309", "9".repeat(400),
        "x".repeat(70_000), "<script>alert(1)</script>", "'; drop table x; --", "../../etc/passwd", "%00%ff",
        "\u202e\u0644\u0627 emoji \ud83d\ude00", "2026-13-45T25:61:61Z", "P-1D", "PT999999999999H", ZERO,
        "not-a-uuid", "UPPER CASE KEY", "a".repeat(65), "{\"nested\": true}", "\ud800"};
    private static final String[] NUMBERS = {"-1", "0", "-0", "1e309", "-1e309", "1.7976931348623157E309", "4.9E-325",
        "99999999999999999999999999999", "0.000000000000000000000000000001", "2147483648", "-9223372036854775809"};
    private static final String[] BROKEN = {"", "{", "}", "[", "]", "{]", "{\"a\":", "{\"a\" 1}", "{'a': 1}", "nul",
        "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": 01}", "{\"a\": 1,}", "[1,]", "\"unterminated", "{\"a\":\"\\u12\"}",
        "\ufeff{}", "{}{}", "{\"a\":1}garbage", "/* comment */ {}", "{\"a\":1, \"a\":2}"};

    /** What a run saw. */
    public record Result(int requests, Map<Integer, Integer> statuses, List<String> serverErrors, int writes) {
    }

    private final Random random;
    private final String admin = TestTokens.bearer("fuzzer", "admin");

    public HostileRequests(long seed) {
        this.random = new Random(seed);
    }

    @SuppressWarnings("unchecked")
    public Result run(int atLeast) {
        Map<String, Object> doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("$");
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.getOrDefault("components",
                Map.of())).getOrDefault("schemas", Map.of());
        List<Target> targets = new ArrayList<>();
        for (String path : new TreeSet<>(paths.keySet())) {
            Map<String, Object> item = (Map<String, Object>) paths.get(path);
            for (var e : item.entrySet()) {
                String method = e.getKey().toUpperCase();
                Map<String, Object> op = (Map<String, Object>) e.getValue();
                String url = path.replaceAll("\\{[^}]+}", ZERO);
                Set<String> fields = bodyFields(op, schemas);
                if (fields != null && Set.of("POST", "PUT", "PATCH").contains(method)) {
                    targets.add(new Target(method, url, fields, List.of()));
                } else if ("GET".equals(method)) {
                    targets.add(new Target(method, url, null, queryNames(op)));
                }
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalStateException("the OpenAPI document names no operation to fuzz");
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        int sent = 0;
        int writes = 0;
        while (sent < atLeast) {
            for (Target t : targets) {
                Response r = t.fields() != null ? sendBody(t) : sendQuery(t);
                statuses.merge(r.statusCode(), 1, Integer::sum);
                if (wrote(r)) {
                    writes++;
                }
                if (r.statusCode() >= 500 && errors.size() < 20) {
                    errors.add(t.method() + " " + t.url() + ": HTTP " + r.statusCode() + " " + abbreviate(r.asString()));
                }
                sent++;
            }
        }
        return new Result(sent, statuses, errors, writes);
    }

    /** Whether the answer says something was stored: 201, or a batch's 202 that accepted an item. */
    private static boolean wrote(Response r) {
        if (r.statusCode() == 201) {
            return true;
        }
        if (r.statusCode() != 202) {
            return false;
        }
        try {
            Object accepted = r.jsonPath().get("accepted");
            return !(accepted instanceof Number n) || n.intValue() > 0;
        } catch (RuntimeException e) {
            return true;
        }
    }

    private record Target(String method, String url, Set<String> fields, List<String> query) {
    }

    private Response sendBody(Target t) {
        var request = given().header("Authorization", admin).header("Accept", "*/*").contentType("application/json");
        int kind = random.nextInt(10);
        if (kind == 0) {
            byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
            return request.body(bytes).request(t.method(), t.url());
        }
        String body = switch (kind) {
            case 1 -> pick(BROKEN);
            case 2 -> "[".repeat(2_000 + random.nextInt(3_000)) + "]".repeat(random.nextInt(2) == 0 ? 0 : 5_000);
            case 3 -> value(3);
            case 4 -> "[" + object(t.fields(), 2) + "," + value(2) + "]";
            default -> random.nextBoolean() ? object(t.fields(), 3) : "[" + object(t.fields(), 3) + "]";
        };
        return request.body(body.getBytes(StandardCharsets.UTF_8)).request(t.method(), t.url());
    }

    private Response sendQuery(Target t) {
        var request = given().header("Authorization", admin).header("Accept", "*/*");
        List<String> names = new ArrayList<>(t.query());
        names.add("limit");
        names.add("cursor");
        for (String name : names) {
            if (random.nextInt(3) > 0) {
                // a query longer than the HTTP line limit (4 KiB) is closed by the server before it is read: kept short
                String value = random.nextBoolean() ? pick(STRINGS) : pick(NUMBERS);
                request = request.queryParam(name, value.length() > 500 ? value.substring(0, 500) : value);
            }
        }
        return request.get(t.url());
    }

    /** A JSON object with the operation's own field names (and some others), each with a hostile value. */
    private String object(Set<String> fields, int depth) {
        StringBuilder b = new StringBuilder("{");
        List<String> names = new ArrayList<>(fields);
        names.add("unknownField");
        names.add("id");
        int count = 1 + random.nextInt(names.size());
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(quote(names.get(random.nextInt(names.size())))).append(':').append(value(depth - 1));
        }
        return b.append('}').toString();
    }

    private String value(int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2, 3 -> pick(NUMBERS);
            case 4, 5, 6 -> quote(pick(STRINGS));
            case 7 -> "[" + value(depth - 1) + "," + value(depth - 1) + "]";
            default -> "{\"k" + random.nextInt(9) + "\":" + value(depth - 1) + "}";
        };
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** The property names of the operation's JSON body (of its items when it is an array); null when it has none. */
    @SuppressWarnings("unchecked")
    private static Set<String> bodyFields(Map<String, Object> op, Map<String, Object> schemas) {
        if (!(op.get("requestBody") instanceof Map<?, ?> body) || !(body.get("content") instanceof Map<?, ?> content)
                || !(content.get("application/json") instanceof Map<?, ?> json)) {
            return null;
        }
        Object schema = json.get("schema");
        Set<String> fields = new TreeSet<>();
        for (int hops = 0; hops < 4 && schema instanceof Map<?, ?> s; hops++) {
            if (s.get("$ref") instanceof String ref) {
                schema = schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
            } else if (s.get("items") != null) {
                schema = s.get("items");
            } else {
                if (s.get("properties") instanceof Map<?, ?> props) {
                    fields.addAll((Set<String>) props.keySet());
                }
                break;
            }
        }
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static List<String> queryNames(Map<String, Object> op) {
        List<String> names = new ArrayList<>();
        if (op.get("parameters") instanceof List<?> params) {
            for (Object p : params) {
                Map<String, Object> param = (Map<String, Object>) p;
                if ("query".equals(param.get("in"))) {
                    names.add((String) param.get("name"));
                }
            }
        }
        return names;
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
