package cloud.swas.image;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.region.RegionDirectory;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Shares a custom image to ECS in its region, or withdraws it (the seed's operation). Requesting the
 * state the image already has succeeds and records nothing; every real change adds one history row.
 */
@ApplicationScoped
public class ModifyImageShareStatus implements ApiOperation<ModifyImageShareStatus.Input> {

    public record Input(String regionId, String imageId, ShareOperation operation) {
    }

    /** The response has no field besides {@code RequestId}. */
    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result() {
    }

    private final RegionDirectory regions;

    ModifyImageShareStatus(RegionDirectory regions) {
        this.regions = regions;
    }

    @Override
    public String action() {
        return "ModifyImageShareStatus";
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public Input bind(ApiParameters parameters) {
        String imageId = ImageParameters.imageId(parameters);
        ShareOperation operation = ShareOperation.from(parameters);
        String regionId = regions.requireRegion(parameters);
        return new Input(regionId, imageId, operation);
    }

    @Override
    @Transactional
    public Result execute(CallContext context, Input input) {
        CustomImage image = CustomImage.findForUpdate(context.accountId(), input.regionId(), input.imageId())
                .orElseThrow(ApiError.IMAGE_NOT_FOUND::exception);
        if (image.inShare != input.operation().shared()) {
            image.inShare = input.operation().shared();
            image.shareVersion++;
            ImageShareRecord change = new ImageShareRecord();
            change.accountId = image.accountId;
            change.imageId = image.imageId;
            change.version = image.shareVersion;
            change.operation = input.operation().wireName();
            change.requestId = context.requestId();
            change.accessKeyId = context.accessKeyId();
            change.changedAt = context.receivedAt();
            change.persist();
        }
        return new Result();
    }
}
