package cloud.swas.image;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import cloud.swas.region.RegionDirectory;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What Add/RemoveCustomImageShareAccount have in common (contract section 8.1): POST only, the
 * {@code Account.N} parameter (1 to 10 accounts other than the caller), and the caller's own image locked before
 * its share accounts change. Each subclass says only how the accounts change.
 */
abstract class ShareAccounts implements ApiOperation<ShareAccounts.Input> {

    /** Accounts an image may be shared with at once (contract section 8). */
    static final int MAX_PER_IMAGE = 10;

    public record Input(String regionId, String imageId, Set<Long> accounts) {
    }

    /** The response has no field besides {@code RequestId}. */
    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result() {
    }

    private final RegionDirectory regions;

    ShareAccounts(RegionDirectory regions) {
        this.regions = regions;
    }

    /** Changes the share accounts of {@code image}, locked already, by {@code accounts} (never the caller's). */
    abstract void change(CustomImage image, Set<Long> accounts, CallContext context);

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return ImageArns.onImage(context, input.regionId(), input.imageId());
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
        return new Input(regionId, imageId, accounts(parameters));
    }

    @Override
    public Result execute(CallContext context, Input input) {
        // The caller's own account is not an account to share with.
        if (input.accounts().contains(context.accountId())) {
            throw ApiError.INVALID_PARAMETER.exception("Account");
        }
        change(OwnImages.lock(context, input.regionId(), input.imageId()), input.accounts(), context);
        return new Result();
    }

    /** Positive 64-bit account IDs, repeats removed, in request order. */
    private static Set<Long> accounts(ApiParameters parameters) {
        List<String> raw = parameters.indexed("Account", MAX_PER_IMAGE);
        if (raw.isEmpty()) {
            throw ApiError.MISSING_PARAMETER.exception("Account.1");
        }
        Set<Long> accounts = new LinkedHashSet<>();
        for (String value : raw) {
            long account;
            try {
                account = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw ApiError.INVALID_PARAMETER.exception("Account");
            }
            if (account <= 0 || !value.equals(Long.toString(account))) {
                throw ApiError.INVALID_PARAMETER.exception("Account");
            }
            accounts.add(account);
        }
        return accounts;
    }
}
