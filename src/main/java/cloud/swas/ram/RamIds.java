package cloud.swas.ram;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;

/**
 * Identifiers and secrets as RAM issues them: numeric user and role IDs of 16 digits, AccessKeyIds of {@code LTAI}
 * and 20 base62 characters, secrets of 30 base62 characters, all from a {@link SecureRandom} (unguessable; unique
 * because the tables' keys refuse a repeat, which the caller then draws again).
 */
@ApplicationScoped
public class RamIds {

    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final long SMALLEST_16_DIGITS = 1_000_000_000_000_000L;

    private final SecureRandom random = new SecureRandom();

    /** A user's or role's ID: a 16-digit number, as text (RAM's IDs are strings of digits). */
    public String entityId() {
        return Long.toString(SMALLEST_16_DIGITS + random.nextLong(9 * SMALLEST_16_DIGITS));
    }

    public String accessKeyId() {
        return "LTAI" + base62(20);
    }

    public String accessKeySecret() {
        return base62(30);
    }

    private String base62(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = BASE62[random.nextInt(BASE62.length)];
        }
        return new String(out);
    }
}
