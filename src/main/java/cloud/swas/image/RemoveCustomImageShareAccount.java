package cloud.swas.image;

import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.region.RegionDirectory;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Stops sharing a custom image with accounts; the image is withdrawn from them at once. Removing an account
 * that is not there changes nothing. Every account removed is an entry of the image's audit trail.
 */
@ApplicationScoped
public class RemoveCustomImageShareAccount implements ApiOperation<RemoveCustomImageShareAccount.Input> {

    public record Input(String regionId, String imageId, Set<Long> accounts) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result() {
    }

    private final RegionDirectory regions;

    RemoveCustomImageShareAccount(RegionDirectory regions) {
        this.regions = regions;
    }

    @Override
    public String action() {
        return "RemoveCustomImageShareAccount";
    }

    @Override
    public String version() {
        return Products.SWAS_OPEN;
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public boolean postOnly() {
        return true;
    }

    @Override
    public Input bind(ApiParameters parameters) {
        String imageId = ImageParameters.imageId(parameters);
        String regionId = regions.requireRegion(parameters);
        return new Input(regionId, imageId, ShareAccounts.of(parameters));
    }

    @Override
    public Result execute(CallContext context, Input input) {
        ShareAccounts.requireOthers(input.accounts(), context);
        CustomImage image = OwnImages.lock(context, input.regionId(), input.imageId());
        for (ImageShareAccount share : OwnImages.shareAccounts(image)) {
            if (input.accounts().contains(share.sharedAccountId)) {
                share.delete();
                ImageShareRecord.append(image, "RemoveShareAccount", share.sharedAccountId, context);
            }
        }
        return new Result();
    }
}
