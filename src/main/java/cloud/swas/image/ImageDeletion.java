package cloud.swas.image;

import cloud.swas.api.ApiError;
import cloud.swas.api.CallContext;
import java.util.List;

/**
 * Deletes images of the caller, all or none: each must exist and be in no share (the seed: unshare first).
 * The deletion is the last entry of each image's audit trail, which stays; tags go with the image.
 */
final class ImageDeletion {

    private ImageDeletion() {
    }

    static void delete(CallContext context, String regionId, List<String> imageIds, ApiError inShare) {
        List<CustomImage> images = OwnImages.lock(context, regionId, imageIds);
        if (images.stream().anyMatch(OwnImages::inAnyShare)) {
            throw inShare.exception();
        }
        for (CustomImage image : images) {
            ImageShareRecord.append(image, "Delete", null, context);
            image.delete();
        }
    }
}
