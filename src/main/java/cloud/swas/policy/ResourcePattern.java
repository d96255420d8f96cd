package cloud.swas.policy;

/**
 * One entry of a statement's {@code Resource}: {@code *}, or an ARN pattern
 * {@code acs:<product>:<region>:<account>:<relative-id>} matched field by field, so that a wildcard in one field
 * never spans a colon into the next ({@code acs:swas-open:*:123:*} cannot match account {@code 1234} by letting
 * the region's star swallow {@code ":123"}). The relative id, the last field, may itself contain colons. A pattern
 * with fewer fields (e.g. {@code acs:ecs:*}) lets its last field match the rest of the ARN.
 *
 * <p>Case-sensitive, except the relative id of an {@code acs:ram} ARN naming a user or a role: RAM user and role
 * names compare case-insensitively in ARNs (contract 11.1), so {@code acs:ram:*:1:role/Admin} covers
 * {@code acs:ram::1:role/admin}.
 */
final class ResourcePattern {

    static final int FIELDS = 5;

    private final String source;
    private final Wildcard[] fields;
    private final boolean any;

    private ResourcePattern(String source) {
        this.source = source;
        this.any = source.equals("*");
        if (any) {
            fields = new Wildcard[0];
        } else {
            String[] parts = source.split(":", FIELDS);
            fields = new Wildcard[parts.length];
            for (int k = 0; k < parts.length; k++) {
                fields[k] = Wildcard.of(parts[k]);
            }
        }
    }

    static ResourcePattern of(String source) {
        return new ResourcePattern(source);
    }

    /** {@code relativeIdFoldsCase}: computed once per resource of the call by {@link #foldsCase(String)}. */
    boolean matches(String resource, boolean relativeIdFoldsCase) {
        if (any) {
            return true;
        }
        int pos = 0;
        int last = fields.length - 1;
        for (int k = 0; k < last; k++) {
            int colon = resource.indexOf(':', pos);
            if (colon < 0 || !fields[k].matches(resource, pos, colon, false)) {
                return false;
            }
            pos = colon + 1;
        }
        boolean fold = relativeIdFoldsCase && fields.length == FIELDS;
        return fields[last].matches(resource, pos, resource.length(), fold);
    }

    /** Whether the resource is an {@code acs:ram} ARN of a user or a role, whose name compares ignoring case. */
    static boolean foldsCase(String resource) {
        if (!resource.startsWith("acs:ram:")) {
            return false;
        }
        int pos = 0;
        for (int k = 0; k < FIELDS - 1; k++) {
            pos = resource.indexOf(':', pos) + 1;
            if (pos == 0) {
                return false;
            }
        }
        return resource.regionMatches(true, pos, "role/", 0, 5) || resource.regionMatches(true, pos, "user/", 0, 5);
    }

    @Override
    public String toString() {
        return source;
    }
}
