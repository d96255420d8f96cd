package cloud.swas.image;

import cloud.swas.api.Arns;
import cloud.swas.api.CallContext;
import cloud.swas.api.RamRequirement;

/** The RAM requirements of the image actions (contract 11.4): {@code swas-open:<Action>} on custom-image ARNs. */
final class ImageArns {

    static final String PRODUCT = "swas-open";

    private ImageArns() {
    }

    /** {@code acs:swas-open:<region>:<account>:customimage/<ImageId>}, the caller's account. */
    static String customImage(CallContext context, String regionId, String imageId) {
        return Arns.of(PRODUCT, regionId, context.accountId(), "customimage/" + imageId);
    }

    /** {@code swas-open:<action>} on one of the caller's images. */
    static RamRequirement onImage(CallContext context, String regionId, String imageId) {
        return RamRequirement.of(PRODUCT + ":" + context.action(), customImage(context, regionId, imageId));
    }

    /** {@code swas-open:<action>} on {@code customimage/*} of the caller's account in the region. */
    static RamRequirement onAllImages(CallContext context, String regionId) {
        return RamRequirement.of(PRODUCT + ":" + context.action(), customImage(context, regionId, "*"));
    }
}
