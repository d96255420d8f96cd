package cloud.swas.api;

/**
 * The products this endpoint serves, by the {@code Version} a request names (or V3's {@code x-acs-version}):
 * each {@link ApiOperation} declares its own, so a product is its version and its package of actions.
 */
public final class Products {

    /** Simple Application Server, product SWAS-OPEN. */
    public static final String SWAS_OPEN = "2020-06-01";
    /** Elastic Compute Service, the view of the images shared to it (contract section 10). */
    public static final String ECS = "2014-05-26";
    /** Security Token Service: role sessions' credentials (contract 11.6). */
    public static final String STS = "2015-04-01";

    private Products() {
    }
}
