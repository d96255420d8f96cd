package cloud.swas.ram;

import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.Products;
import cloud.swas.api.RamRequirement;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The system policies and the account's custom ones ({@code PolicyType} filters), system first, each by name, a page
 * of {@code MaxItems} at a time ({@code IsTruncated}, {@code Marker}), each with its {@code AttachmentCount}. The
 * custom policies of an account are few (at most {@code swas.ram.max-policies}), so a page is cut from all of them.
 */
@ApplicationScoped
public class ListPolicies implements ApiOperation<ListPolicies.Input> {

    public record Input(String policyType, String afterKey, int maxItems) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(@JsonProperty("IsTruncated") boolean truncated, String marker, RamViews.PolicyList policies) {
    }

    /** A policy with the key it is sorted and paged by: its type's rank, then its lower-case name. */
    private record Sorted(String sortKey, RamViews.Policy policy) {
    }

    private final RamDb db;

    ListPolicies(RamDb db) {
        this.db = db;
    }

    @Override
    public String action() {
        return "ListPolicies";
    }

    @Override
    public String version() {
        return Products.RAM;
    }

    @Override
    public Input bind(ApiParameters parameters) {
        return new Input(RamParameters.policyType(parameters, false), Markers.decode(parameters),
                RamParameters.maxItems(parameters));
    }

    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamArns.onAll(action());
    }

    @Override
    public Result execute(CallContext context, Input input) {
        List<Sorted> all = db.run(c -> {
            Map<String, Integer> counts = Attachments.counts(c, context.accountId());
            List<Sorted> policies = new ArrayList<>();
            if (input.policyType() == null || RamParameters.SYSTEM.equals(input.policyType())) {
                String created = RamDates.format(SystemPolicies.CREATED);
                SystemPolicies.ALL.stream()
                        .sorted((a, b) -> a.key().compareTo(b.key()))
                        .forEach(p -> policies.add(new Sorted("0:" + p.key(), new RamViews.Policy(p.name(),
                                RamParameters.SYSTEM, p.description(), SystemPolicies.DEFAULT_VERSION, created, created,
                                counts.getOrDefault(Attachments.countKey(RamParameters.SYSTEM, p.key()), 0), null))));
            }
            if (input.policyType() == null || RamParameters.CUSTOM.equals(input.policyType())) {
                for (PolicyRow p : Policies.all(c, context.accountId())) {
                    policies.add(new Sorted("1:" + p.policyKey(), new RamViews.Policy(p.policyName(),
                            RamParameters.CUSTOM, p.description(), p.defaultVersion(), RamDates.format(p.createDate()),
                            RamDates.format(p.updateDate()),
                            counts.getOrDefault(Attachments.countKey(RamParameters.CUSTOM, p.policyKey()), 0), null)));
                }
            }
            return policies;
        });
        List<Sorted> after = all.stream()
                .filter(p -> input.afterKey() == null || p.sortKey().compareTo(input.afterKey()) > 0)
                .sorted((a, b) -> a.sortKey().compareTo(b.sortKey()))
                .toList();
        boolean truncated = after.size() > input.maxItems();
        List<Sorted> page = truncated ? after.subList(0, input.maxItems()) : after;
        return new Result(truncated, truncated ? Markers.encode(page.get(page.size() - 1).sortKey()) : null,
                new RamViews.PolicyList(page.stream().map(Sorted::policy).toList()));
    }
}
