package cloud.swas.policy;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The condition keys this service knows (contract 11.3), each with the one type RAM documents for it. Key names
 * compare case-insensitively, as in RAM. Any other key (e.g. {@code acs:ResourceTag/...} or a product's own key)
 * is refused when the policy is created: this service never sets it, so a condition on it could only ever be
 * false (or, negated, always true) and would silently change what the policy means.
 */
enum ConditionKey {
    CURRENT_TIME("acs:CurrentTime", Type.DATE),
    SOURCE_IP("acs:SourceIp", Type.IP),
    SECURE_TRANSPORT("acs:SecureTransport", Type.BOOL),
    MFA_PRESENT("acs:MFAPresent", Type.BOOL);

    enum Type { DATE, IP, BOOL }

    private static final Map<String, ConditionKey> BY_LOWER_NAME = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(k -> k.keyName.toLowerCase(Locale.ROOT), Function.identity()));

    final String keyName;
    final Type type;

    ConditionKey(String keyName, Type type) {
        this.keyName = keyName;
        this.type = type;
    }

    static ConditionKey byName(String name) {
        return BY_LOWER_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    static String names() {
        return Stream.of(values()).map(k -> k.keyName).collect(Collectors.joining(", "));
    }
}
