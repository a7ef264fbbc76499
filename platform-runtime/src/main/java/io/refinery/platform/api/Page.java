package io.refinery.platform.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import io.refinery.platform.problem.InvalidFieldsProblem;

/** A page of a list: {@code nextCursor} is null on the last page (DESIGN.md section 3). */
public record Page<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /**
     * Builds a page from {@code limit + 1} fetched rows: the extra row only tells that another page exists.
     */
    public static <E, T> Page<T> of(List<E> fetched, int limit, Function<E, String> cursorOf, Function<E, T> toItem) {
        boolean more = fetched.size() > limit;
        List<E> shown = more ? fetched.subList(0, limit) : fetched;
        String next = more ? encode(cursorOf.apply(shown.get(shown.size() - 1))) : null;
        return new Page<>(shown.stream().map(toItem).toList(), next);
    }

    /** {@code ?limit=} must lie between 1 and {@link #MAX_LIMIT}. */
    public static int checkLimit(String value) {
        int limit;
        try {
            limit = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidFieldsProblem("limit", "must be a whole number between 1 and " + MAX_LIMIT);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidFieldsProblem("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor stands for, or null for none; a cursor that is not ours is a 400 on {@code cursor}. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldsProblem("cursor", "is not a cursor returned by this API");
        }
    }

    /**
     * The {@code instant|uuid} position a cursor of a newest-first page stands for (see the resources that encode it
     * so), made into {@code T}; null for no cursor; a cursor that is not ours is a 400 on {@code cursor}.
     */
    public static <T> T position(String cursor, java.util.function.BiFunction<java.time.Instant, java.util.UUID, T> make) {
        String position = decode(cursor);
        if (position == null) {
            return null;
        }
        String[] parts = position.split("\\|", 2);
        try {
            return make.apply(java.time.Instant.parse(parts[0]), java.util.UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new InvalidFieldsProblem("cursor", "is not a cursor returned by this API");
        }
    }
}
