package cloud.swas.image;

import cloud.swas.api.ApiError;
import cloud.swas.api.CallContext;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;

/**
 * The caller's own images in a region, locked for the rest of the transaction: every change of an image
 * (share state, share accounts, deletion) locks its row first, so changes of one image serialize, and
 * several images are locked in ID order, so two calls never deadlock. An image shared with the caller by
 * another account is not among them: the receiver can read it, nothing else (contract section 8.1).
 */
final class OwnImages {

    private OwnImages() {
    }

    /** The image, unlocked (to read); {@code InvalidImageId.NotFound} when the caller has no such image in the region. */
    static CustomImage find(CallContext context, String regionId, String imageId) {
        return CustomImage.<CustomImage>find("accountId = ?1 and regionId = ?2 and imageId = ?3",
                context.accountId(), regionId, imageId).firstResultOptional()
                .orElseThrow(ApiError.IMAGE_NOT_FOUND::exception);
    }

    /** The image, locked; {@code InvalidImageId.NotFound} when the caller has no such image in the region. */
    static CustomImage lock(CallContext context, String regionId, String imageId) {
        return lock(context, regionId, List.of(imageId)).get(0);
    }

    /** Every image, locked, in ID order; {@code InvalidImageId.NotFound} unless all exist. */
    static List<CustomImage> lock(CallContext context, String regionId, Collection<String> imageIds) {
        List<CustomImage> images = CustomImage.<CustomImage>find(
                        "accountId = ?1 and regionId = ?2 and imageId in ?3 order by imageId",
                        context.accountId(), regionId, imageIds)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        if (images.size() != imageIds.size()) {
            throw ApiError.IMAGE_NOT_FOUND.exception();
        }
        return images;
    }

    /** The accounts the image is shared with, in the order they were added. */
    static List<ImageShareAccount> shareAccounts(CustomImage image) {
        return ImageShareAccount.list("accountId = ?1 and imageId = ?2 order by sharedAt, sharedAccountId",
                image.accountId, image.imageId);
    }

    /** Shared to ECS or with any account: such an image cannot be deleted. */
    static boolean inAnyShare(CustomImage image) {
        return image.inShare || ImageShareAccount.count("accountId = ?1 and imageId = ?2", image.accountId,
                image.imageId) > 0;
    }
}
