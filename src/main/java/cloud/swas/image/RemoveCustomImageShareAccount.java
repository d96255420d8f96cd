package cloud.swas.image;

import cloud.swas.api.CallContext;
import cloud.swas.region.RegionDirectory;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Stops sharing a custom image with accounts; the image is withdrawn from them at once. Removing an account
 * that is not there changes nothing. Every account removed is an entry of the image's audit trail.
 */
// @Singleton, not @ApplicationScoped: no client proxy, which a subclass without a no-args constructor cannot have.
@Singleton
public class RemoveCustomImageShareAccount extends ShareAccounts {

    RemoveCustomImageShareAccount(RegionDirectory regions) {
        super(regions);
    }

    @Override
    public String action() {
        return "RemoveCustomImageShareAccount";
    }

    @Override
    void change(CustomImage image, Set<Long> accounts, CallContext context) {
        for (ImageShareAccount share : OwnImages.shareAccounts(image)) {
            if (accounts.contains(share.sharedAccountId)) {
                share.delete();
                ImageShareRecord.append(image, "RemoveShareAccount", share.sharedAccountId, context);
            }
        }
    }
}
