package io.refinery.platform.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens whose signature and claims were verified once, kept so that the next request with the same token
 * skips the RSA verification. Pure: no framework, the clock is passed in.
 *
 * <ul>
 * <li>Keyed by the token's SHA-256, so a lookup compares digests, never the secret itself.</li>
 * <li>An entry is served only while {@code now < exp} (stricter than the verifier, which allows clock skew past
 * exp) and for at most {@code maxAgeSeconds} after it was verified, so a signing key withdrawn from the verifier
 * stops being honoured within that time.</li>
 * <li>Bounded: at {@code maxSize} entries the expired ones are dropped first, then arbitrary ones, so a flood of
 * distinct valid tokens costs verification again but never memory. {@code maxSize = 0} turns the cache off.</li>
 * <li>Only verified tokens are put here: a forged or expired token is verified (and refused) every time.</li>
 * </ul>
 *
 * @param <T> what verification produced (the parsed token)
 */
public final class VerifiedTokens<T> {

    private record Entry<T>(T value, long validUntil) {
    }

    /** One digest per thread (a few event-loop threads): looking the algorithm up costs as much as hashing a token. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    private final int maxSize;
    private final long maxAgeSeconds;
    private final ConcurrentHashMap<ByteBuffer, Entry<T>> entries = new ConcurrentHashMap<>();

    public VerifiedTokens(int maxSize, long maxAgeSeconds) {
        if (maxSize < 0 || maxAgeSeconds < 0) {
            throw new IllegalArgumentException("maxSize and maxAgeSeconds must not be negative");
        }
        this.maxSize = maxSize;
        this.maxAgeSeconds = maxAgeSeconds;
    }

    /** The verified value of {@code token}, or null when it is not here or no longer valid at {@code now}. */
    public T get(String token, long nowEpochSecond) {
        if (maxSize == 0) {
            return null;
        }
        ByteBuffer key = digest(token);
        Entry<T> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (nowEpochSecond >= entry.validUntil()) {
            entries.remove(key, entry);
            return null;
        }
        return entry.value();
    }

    /** Keeps {@code value}, verified from {@code token} at {@code now}, until its {@code exp} (epoch seconds). */
    public void put(String token, T value, long expEpochSecond, long nowEpochSecond) {
        long validUntil = Math.min(expEpochSecond, nowEpochSecond + maxAgeSeconds);
        if (maxSize == 0 || validUntil <= nowEpochSecond) {
            return;
        }
        if (entries.size() >= maxSize) {
            makeRoom(nowEpochSecond);
        }
        entries.put(digest(token), new Entry<>(value, validUntil));
    }

    /** How many tokens are kept (expired ones included until they are looked up or evicted). */
    public int size() {
        return entries.size();
    }

    private void makeRoom(long now) {
        entries.values().removeIf(e -> now >= e.validUntil());
        Iterator<ByteBuffer> keys = entries.keySet().iterator();
        int target = maxSize - Math.max(1, maxSize / 10);
        while (entries.size() > target && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    private static ByteBuffer digest(String token) {
        return ByteBuffer.wrap(SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
