package cloud.swas.image;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;

/** Image IDs like the live API's: {@code m-} and lower-case alphanumerics, unguessable across accounts. */
@ApplicationScoped
public class ImageIdGenerator {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int LENGTH = 20;

    private final SecureRandom random = new SecureRandom();

    public String next() {
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return "m-" + new String(id);
    }
}
