package cloud.swas.region;

import cloud.swas.api.ApiError;
import cloud.swas.api.ApiOperation;
import cloud.swas.api.ApiParameters;
import cloud.swas.api.CallContext;
import cloud.swas.api.RamRequirement;
import cloud.swas.api.Products;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/** The regions of the service, with their names in {@code AcceptLanguage}: {@code zh-CN} (default) or {@code en-US}. */
@ApplicationScoped
public class ListRegions implements ApiOperation<ListRegions.Input> {

    public record Input(boolean english) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record Result(List<RegionItem> regions) {
    }

    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record RegionItem(String regionId, String localName, String regionEndpoint) {
    }

    private final RegionDirectory directory;

    ListRegions(RegionDirectory directory) {
        this.directory = directory;
    }

    /** Any authenticated caller may list regions (contract 11.4). */
    @Override
    public RamRequirement requires(CallContext context, Input input) {
        return RamRequirement.none();
    }

    @Override
    public String action() {
        return "ListRegions";
    }

    @Override
    public String version() {
        return Products.SWAS_OPEN;
    }

    @Override
    public Input bind(ApiParameters parameters) {
        String language = parameters.optional("AcceptLanguage");
        if (language == null) {
            return new Input(false);
        }
        return switch (language.toLowerCase(Locale.ROOT)) {
            case "zh-cn" -> new Input(false);
            case "en-us" -> new Input(true);
            default -> throw ApiError.INVALID_PARAMETER.exception("AcceptLanguage");
        };
    }

    @Override
    public Result execute(CallContext context, Input input) {
        return new Result(directory.all().values().stream()
                .map(r -> new RegionItem(r.regionId, input.english() ? r.localNameEn : r.localName, r.regionEndpoint))
                .toList());
    }
}
