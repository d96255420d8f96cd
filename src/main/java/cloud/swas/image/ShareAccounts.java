package cloud.swas.image;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The {@code Account.N} parameter of Add/RemoveCustomImageShareAccount: 1 to 10 accounts other than the caller. */
final class ShareAccounts {

    /** Accounts an image may be shared with at once (contract section 8). */
    static final int MAX_PER_IMAGE = 10;

    private ShareAccounts() {
    }

    /** Positive 64-bit account IDs, repeats removed, in request order. */
    static Set<Long> of(ApiParameters parameters) {
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

    /** The caller's own account is not an account to share with. */
    static void requireOthers(Set<Long> accounts, CallContext context) {
        if (accounts.contains(context.accountId())) {
            throw ApiError.INVALID_PARAMETER.exception("Account");
        }
    }
}
