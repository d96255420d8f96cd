package cloud.swas.image;

import cloud.swas.api.ApiError;
import cloud.swas.api.CallContext;
import cloud.swas.region.RegionDirectory;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Shares a custom image with other accounts of the same region (contract section 8.1). Adding an account
 * that is there already changes nothing; at most 10 accounts per image ({@code QuotaExceed.ShareImageUser}).
 * The receiving accounts need not exist yet. Every account added is an entry of the image's audit trail.
 */
// @Singleton, not @ApplicationScoped: no client proxy, which a subclass without a no-args constructor cannot have.
@Singleton
public class AddCustomImageShareAccount extends ShareAccounts {

    AddCustomImageShareAccount(RegionDirectory regions) {
        super(regions);
    }

    @Override
    public String action() {
        return "AddCustomImageShareAccount";
    }

    @Override
    void change(CustomImage image, Set<Long> accounts, CallContext context) {
        Set<Long> present = OwnImages.shareAccounts(image).stream().map(a -> a.sharedAccountId)
                .collect(Collectors.toSet());
        Set<Long> added = accounts.stream().filter(a -> !present.contains(a)).collect(Collectors.toSet());
        if (present.size() + added.size() > MAX_PER_IMAGE) {
            throw ApiError.SHARE_ACCOUNT_QUOTA.exception();
        }
        for (Long account : accounts) {
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
    }
}
