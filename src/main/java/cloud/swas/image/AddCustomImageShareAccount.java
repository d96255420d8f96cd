package cloud.swas.image;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.region.RegionDirectory;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Shares a custom image with other accounts of the same region (contract section 8.1). Adding an account
 * that is there already changes nothing; at most 10 accounts per image ({@code QuotaExceed.ShareImageUser}).
 * The receiving accounts need not exist yet. Every account added is an entry of the image's audit trail.
 */
@ApplicationScoped
public class AddCustomImageShareAccount implements ApiOperation<AddCustomImageShareAccount.Input> {

    public record Input(String regionId, String imageId, Set<Long> accounts) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result() {
    }

    private final RegionDirectory regions;

    AddCustomImageShareAccount(RegionDirectory regions) {
        this.regions = regions;
    }

    @Override
    public String action() {
        return "AddCustomImageShareAccount";
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
        Set<Long> present = OwnImages.shareAccounts(image).stream().map(a -> a.sharedAccountId)
                .collect(Collectors.toSet());
        Set<Long> added = input.accounts().stream().filter(a -> !present.contains(a)).collect(Collectors.toSet());
        if (present.size() + added.size() > ShareAccounts.MAX_PER_IMAGE) {
            throw ApiError.SHARE_ACCOUNT_QUOTA.exception();
        }
        for (Long account : input.accounts()) {
            if (added.contains(account)) {
                ImageShareAccount share = new ImageShareAccount();
                share.accountId = image.accountId;
                share.imageId = image.imageId;
                share.sharedAccountId = account;
                share.sharedAt = context.receivedAt();
                share.persist();
                ImageShareRecord.append(image, "AddShareAccount", account, context);
            }
        }
        return new Result();
    }
}
