package cloud.swas.api;

/**
 * Alibaba Cloud Resource Names as policies and the audit trail write them:
 * {@code acs:<product>:<region>:<account>:<relative-id>} (contract 11.3, 11.4).
 */
public final class Arns {

    private Arns() {
    }

    /** An account's root principal, {@code acs:ram::<account>:root}. */
    public static String root(long accountId) {
        return "acs:ram::" + accountId + ":root";
    }

    /** A RAM entity or principal, {@code acs:ram::<account>:<relative-id>} (no region, as RAM writes them). */
    public static String ram(long accountId, String relativeId) {
        return "acs:ram::" + accountId + ":" + relativeId;
    }

    /** A resource of a regional product, {@code acs:<product>:<region>:<account>:<relative-id>}. */
    public static String of(String product, String regionId, long accountId, String relativeId) {
        return "acs:" + product + ":" + regionId + ":" + accountId + ":" + relativeId;
    }
}
