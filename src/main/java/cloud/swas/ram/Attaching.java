package cloud.swas.ram;

import cloud.swas.api.ApiError;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What attaching, detaching and listing do alike for users and roles, once the principal's row is held: RAM's
 * limits per principal (20 system and, for a user 10, for a role 5 custom policies: RAM's published limits,
 * docs/ram-sources.md), its own codes for a repeat and for a policy that is not attached.
 */
final class Attaching {

    static final int MAX_SYSTEM = 20;

    /** How one kind of principal differs. */
    record Kind(String name, int maxCustom, ApiError limit, ApiError repeated, ApiError notAttached) {
    }

    static final Kind USER = new Kind(Attachments.USER, 10, ApiError.USER_POLICY_LIMIT, ApiError.USER_POLICY_EXISTS,
            ApiError.USER_POLICY_NOT_FOUND);
    static final Kind ROLE = new Kind(Attachments.ROLE, 5, ApiError.ROLE_POLICY_LIMIT, ApiError.ROLE_POLICY_EXISTS,
            ApiError.ROLE_POLICY_NOT_FOUND);

    private Attaching() {
    }

    /**
     * Attaches; the caller holds the principal's row exclusively (so the count below cannot be overtaken), and the
     * custom policy's row is share-locked here until the commit (so DeletePolicy waits and then sees the attachment).
     */
    static void attach(Connection c, long accountId, Kind kind, String principalId, String policyType,
                       String policyName, Instant at) throws SQLException {
        PolicyRef policy = PolicyRef.resolve(c, accountId, policyType, policyName, Policies.Lock.SHARE);
        List<Attachments.AttachmentRow> held = Attachments.of(c, accountId, kind.name(), principalId);
        if (held.stream().anyMatch(a -> a.policyType().equals(policy.type()) && a.policyKey().equals(policy.key()))) {
            throw kind.repeated().exception();
        }
        long ofType = held.stream().filter(a -> a.policyType().equals(policy.type())).count();
        if (ofType >= (RamParameters.SYSTEM.equals(policy.type()) ? MAX_SYSTEM : kind.maxCustom())) {
            throw kind.limit().exception();
        }
        if (!Attachments.insert(c, accountId, kind.name(), principalId, policy.type(), policy.key(), at)) {
            throw kind.repeated().exception();
        }
    }

    static void detach(Connection c, long accountId, Kind kind, String principalId, String policyType,
                       String policyName) throws SQLException {
        PolicyRef policy = PolicyRef.resolve(c, accountId, policyType, policyName, Policies.Lock.NONE);
        if (!Attachments.delete(c, accountId, kind.name(), principalId, policy.type(), policy.key())) {
            throw kind.notAttached().exception();
        }
    }

    /** The principal's policies, in the order they were attached. */
    static List<RamViews.AttachedPolicy> list(Connection c, long accountId, Kind kind, String principalId)
            throws SQLException {
        List<RamViews.AttachedPolicy> policies = new ArrayList<>();
        for (Attachments.AttachmentRow a : Attachments.of(c, accountId, kind.name(), principalId)) {
            PolicyRef policy = PolicyRef.resolve(c, accountId, a.policyType(), a.policyKey(), Policies.Lock.NONE);
            policies.add(new RamViews.AttachedPolicy(policy.name(), policy.type(), policy.description(),
                    policy.defaultVersion(), RamDates.format(a.attachDate())));
        }
        return policies;
    }
}
