package cloud.swas.api;

import java.util.Map;

/**
 * The products this endpoint serves, by the {@code Version} a request names (or V3's {@code x-acs-version}):
 * each {@link ApiOperation} declares its own, so a product is its version and its package of actions.
 */
public final class Products {

    /** Simple Application Server, product SWAS-OPEN. */
    public static final String SWAS_OPEN = "2020-06-01";
    /** Elastic Compute Service, the view of the images shared to it (contract section 10). */
    public static final String ECS = "2014-05-26";
    /** Resource Access Management: users, keys, policies, roles (contract 11.2). */
    public static final String RAM = "2015-05-01";
    /** Security Token Service: role sessions (contract 11.6). */
    public static final String STS = "2015-04-01";

    private static final Map<String, String> NAMES = Map.of(SWAS_OPEN, "SWAS-OPEN", ECS, "Ecs", RAM, "Ram", STS, "Sts");

    private Products() {
    }

    /** The product's name as its SDKs and configuration write it ({@code SWAS-OPEN}, {@code Ecs}, {@code Ram}, {@code Sts}). */
    public static String name(String version) {
        String name = NAMES.get(version);
        if (name == null) {
            throw new IllegalArgumentException("no product has version " + version);
        }
        return name;
    }
}
