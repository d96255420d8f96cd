package cloud.swas.rpc;

import cloud.swas.api.AccessDeniedDetail;
import cloud.swas.api.Characters;
import cloud.swas.api.ResponseFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Turns results and errors into the wire format of contract section 3. The result records are
 * first turned into a JSON tree (upper-camel-case names, nulls left out), which is what is rendered
 * as JSON or XML and what the idempotency store keeps for replays.
 */
@ApplicationScoped
public class ResponseRenderer {

    private static final byte[] XML_DECLARATION =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper json;
    private final XmlMapper xml;
    private final ApiConfig config;

    ResponseRenderer(ApiConfig config) {
        this.config = config;
        // Dedicated mappers: the wire naming of this API must not depend on the application's global Jackson setup.
        this.json = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        XmlMapper xmlMapper = new XmlMapper();
        // An array is written as repeated elements named after its field; forXml puts the wrapper around them.
        xmlMapper.setDefaultUseWrapper(false);
        this.xml = xmlMapper;
    }

    /** {@code RequestId} followed by the fields of the result record. */
    public ObjectNode successBody(String requestId, Object result) {
        ObjectNode body = json.createObjectNode();
        body.put("RequestId", requestId);
        if (result != null) {
            body.setAll((ObjectNode) json.valueToTree(result));
        }
        return body;
    }

    public byte[] success(ResponseFormat format, String action, ObjectNode body) {
        String root = action + "Response";
        if (format == ResponseFormat.JSON) {
            if (config.jsonStyle() == ApiConfig.JsonStyle.WRAPPED) {
                ObjectNode wrapped = json.createObjectNode();
                wrapped.set(root, body);
                return writeJson(wrapped);
            }
            return writeJson(body);
        }
        return writeXml(root, body);
    }

    public byte[] error(ResponseFormat format, ErrorBody error) {
        ObjectNode body = (ObjectNode) json.valueToTree(error);
        return format == ResponseFormat.JSON ? writeJson(body) : writeXml("Error", body);
    }

    public String recommendation(String code, String requestId) {
        return config.recommendBaseUrl() + "&q=" + code + "&requestId=" + requestId;
    }

    /** Reads a body kept by the idempotency store back into a tree. */
    public ObjectNode parse(String storedJson) {
        try {
            return (ObjectNode) json.readTree(storedJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored response is not JSON", e);
        }
    }

    public String toJson(ObjectNode body) {
        return new String(writeJson(body), StandardCharsets.UTF_8);
    }

    private byte[] writeJson(ObjectNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] writeXml(String root, ObjectNode body) {
        try {
            byte[] content = xml.writer().withRootName(root).writeValueAsBytes(forXml(body, root));
            byte[] out = new byte[XML_DECLARATION.length + content.length];
            System.arraycopy(XML_DECLARATION, 0, out, 0, XML_DECLARATION.length);
            System.arraycopy(content, 0, out, XML_DECLARATION.length, content.length);
            return out;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lists in XML (contract section 3): one element per list, one child per item named by the field's
     * singular: {@code "CustomImages":[a,b]} becomes {@code <CustomImages><CustomImage>a</CustomImage>...}, which
     * is what the classic SDK's XML reader recognises as a list. A list that the JSON wraps already, as ECS does
     * ({@code "Images":{"Image":[...]}}) and RAM ({@code "Policies":{"Policy":[...]}}), keeps its nesting.
     */
    private ObjectNode forXml(ObjectNode node, String name) {
        ObjectNode out = json.createObjectNode();
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            String key = field.getKey();
            if (value instanceof ArrayNode array) {
                ArrayNode items = json.createArrayNode();
                array.forEach(item -> items.add(item instanceof ObjectNode object ? forXml(object, key) : xmlSafe(item)));
                boolean wrappedAlready = node.size() == 1 && (name.equals(key + "s") || name.equals(pluralOfY(key)));
                out.set(key, wrappedAlready ? items : json.createObjectNode().set(singular(key), items));
            } else if (value instanceof ObjectNode object) {
                out.set(key, forXml(object, key));
            } else {
                out.set(key, xmlSafe(value));
            }
        });
        return out;
    }

    /**
     * Text as XML 1.0 can carry it, whatever it is given (a value stored before the parameter rules refused such
     * characters, a bug elsewhere): a character it cannot carry becomes U+FFFD. Done on the tree, not left to the
     * XML writer: Woodstox's invalid-character handler ({@code WstxOutputProperties.P_OUTPUT_INVALID_CHAR_HANDLER},
     * 7.1) is asked about control characters only; it writes U+FFFE and U+FFFF as the character references
     * {@code &#xfffe;} and {@code &#xffff;}, which no XML parser accepts, and fails on a lone surrogate.
     */
    private static JsonNode xmlSafe(JsonNode value) {
        if (!value.isTextual()) {
            return value;
        }
        String text = value.textValue();
        String safe = Characters.xmlSafe(text);
        return safe.equals(text) ? value : TextNode.valueOf(safe);
    }

    /** RAM's {@code "Policies":{"Policy":[...]}}: a wrapper named by the English plural of a word ending in y. */
    private static String pluralOfY(String word) {
        return word.endsWith("y") ? word.substring(0, word.length() - 1) + "ies" : null;
    }

    private static String singular(String plural) {
        return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural + "Item";
    }

    /**
     * The error body of contract section 3, field order as the live API; a denied call adds
     * {@code AccessDeniedDetail} (contract 11.5), left out of every other error (nulls are not written).
     */
    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record ErrorBody(String requestId, String hostId, String code, String message, String recommend,
                            AccessDeniedDetail accessDeniedDetail) {

        public ErrorBody(String requestId, String hostId, String code, String message, String recommend) {
            this(requestId, hostId, code, message, recommend, null);
        }
    }
}
