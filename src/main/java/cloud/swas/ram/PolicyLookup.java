package cloud.swas.ram;

import cloud.swas.api.ChangeCommitted;
import cloud.swas.api.Principal;
import cloud.swas.api.Products;
import cloud.swas.policy.PolicyDocument;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import cloud.swas.db.ReadStamped;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiled policies attached to a RAM user or to a session's role, as enforcement needs them on every call.
 *
 * <p>Cached per replica for at most {@code swas.ram.policy-cache-max-age} counted from when the read BEGAN, so a
 * change committed on another replica is enforced here within that bound even when a read overlapped it
 * (contract 11.8); a change made through this replica's RAM API drops the account's entries at once
 * (a {@link ChangeCommitted} event). Documents are compiled once per text: a policy's versions never change, so the same
 * text always compiles to the same thing.
 */
@ApplicationScoped
public class PolicyLookup {

    private static final String ATTACHED = """
            SELECT a.policy_type, a.policy_key, v.document
            FROM ram_attachment a
            LEFT JOIN ram_policy p
                   ON a.policy_type = 'Custom' AND p.account_id = a.account_id AND p.policy_key = a.policy_key
            LEFT JOIN ram_policy_version v
                   ON v.account_id = p.account_id AND v.policy_key = p.policy_key AND v.version_id = p.default_version
            WHERE a.account_id = ? AND a.principal_kind = ? AND a.principal_id = ?""";

    private record Key(long accountId, String kind, String principalId) {
    }

    private final AgroalDataSource dataSource;
    private final Cache<Key, ReadStamped<List<PolicyDocument>>> attached;
    private final Cache<String, PolicyDocument> compiled;

    PolicyLookup(AgroalDataSource dataSource, RamConfig config) {
        this.dataSource = dataSource;
        this.attached = config.policyCacheMaxAge().isZero() || config.policyCacheMaxAge().isNegative() ? null
                : ReadStamped.<Key, List<PolicyDocument>>cache(config.policyCacheMaxAge(), config.policyCacheMaxSize())
                        .build();
        this.compiled = Caffeine.newBuilder().maximumSize(config.policyCacheMaxSize()).build();
    }

    /** The policies attached to the principal (a user, or a session's role); empty for an account. */
    public List<PolicyDocument> policiesOf(Principal principal) {
        Key key = switch (principal.type()) {
            case ACCOUNT -> null;
            case USER -> new Key(principal.accountId(), "User", principal.principalId());
            case ROLE_SESSION -> new Key(principal.accountId(), "Role", principal.principalId());
        };
        if (key == null) {
            return List.of();
        }
        return attached == null ? load(key) : attached.get(key, k -> ReadStamped.read(() -> load(k))).value();
    }

    /** A document compiled once per text (a session policy, a stored version). */
    public PolicyDocument compiled(String text) {
        return compiled.get(text, PolicyDocument::parse);
    }

    /** Forgets what this replica knows of the account's principals once a RAM change has committed here. */
    void onChange(@Observes ChangeCommitted change) {
        if (Products.RAM.equals(change.version())) {
            forgetAccount(change.accountId());
        }
    }

    /** Forgets what this replica knows of the account's principals. */
    public void forgetAccount(long accountId) {
        if (attached != null) {
            attached.asMap().keySet().removeIf(key -> key.accountId() == accountId);
        }
    }

    private List<PolicyDocument> load(Key key) {
        List<PolicyDocument> policies = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(ATTACHED)) {
            s.setLong(1, key.accountId());
            s.setString(2, key.kind());
            s.setString(3, key.principalId());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String text = "System".equals(r.getString(1))
                            ? SystemPolicies.find(r.getString(2)).map(SystemPolicies.SystemPolicy::document).orElse(null)
                            : r.getString(3);
                    // An attachment whose policy is gone grants nothing (deletion refuses while attached anyway).
                    if (text != null) {
                        policies.add(compiled(text));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Policy lookup failed", e);
        }
        return List.copyOf(policies);
    }
}
