package cloud.swas.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a document once, refusing anything RAM's grammar does not allow with a message that says what is wrong
 * and where ({@code Statement[1].Effect must be Allow or Deny.}), and compiles it to {@link Statement}s.
 *
 * <p>Grammar: https://www.alibabacloud.com/help/en/ram/policy-structure-and-syntax and
 * https://www.alibabacloud.com/help/en/ram/policy-elements. Strict where RAM's grammar is: element names,
 * operators and {@code Allow}/{@code Deny} are case-sensitive; {@code Version} is the string {@code "1"};
 * {@code Statement} is a list (RAM's grammar is {@code "Statement": [ <statement>, ... ]}; a single object, which
 * AWS IAM would take, is refused, so that a document accepted here is also one RAM accepts); duplicate keys and
 * unknown elements are refused rather than ignored (a misspelt {@code Condtion} must not widen a policy).
 * {@code NotResource} and {@code Sid} are not in RAM's documented grammar and are refused.
 */
final class PolicyParser {

    /** Immutable once built: strict duplicate detection, nothing after the document. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Set<String> TOP = Set.of("Version", "Statement");
    private static final Set<String> PERMISSION = Set.of("Effect", "Action", "NotAction", "Resource", "Condition");
    private static final Set<String> TRUST = Set.of("Effect", "Action", "Principal", "Condition");
    private static final Pattern ACTION = Pattern.compile("\\*|[A-Za-z0-9*?_.-]+:[A-Za-z0-9*?_.-]+");
    private static final Set<String> TRUST_ACTIONS =
            Set.of("sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithoidc");
    /** Lower-cased, as actions are compared. */
    static final String ASSUME_ROLE = "sts:assumerole";

    private PolicyParser() {
    }

    static Statement[] compile(String text, boolean trust) {
        if (text == null || text.isBlank()) {
            throw new PolicyException("The policy document is empty.");
        }
        // characters are code points, as the RAM API counts its parameters' lengths
        if (text.length() > PolicyDocument.MAX_LENGTH
                && text.codePointCount(0, text.length()) > PolicyDocument.MAX_LENGTH) {
            throw new PolicyException("The policy document exceeds " + PolicyDocument.MAX_LENGTH + " characters.");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new PolicyException("The policy document is not valid JSON: " + e.getOriginalMessage() + where + ".");
        }
        if (root == null || !root.isObject()) {
            throw new PolicyException("The policy document must be a JSON object with Version and Statement.");
        }
        onlyKnown(root, TOP, "the policy document");
        JsonNode version = root.get("Version");
        if (version == null) {
            throw new PolicyException("Version is required and must be \"1\".");
        }
        if (!version.isTextual() || !version.textValue().equals("1")) {
            throw new PolicyException("Version must be \"1\".");
        }
        JsonNode statements = root.get("Statement");
        if (statements == null) {
            throw new PolicyException("Statement is required.");
        }
        if (!statements.isArray()) {
            throw new PolicyException("Statement must be a list of statements.");
        }
        if (statements.isEmpty()) {
            throw new PolicyException("Statement must contain at least one statement.");
        }
        Statement[] compiled = new Statement[statements.size()];
        for (int i = 0; i < compiled.length; i++) {
            String path = "Statement[" + i + "]";
            JsonNode statement = statements.get(i);
            if (!statement.isObject()) {
                throw new PolicyException(path + " must be an object.");
            }
            compiled[i] = trust ? trustStatement(statement, path) : permissionStatement(statement, path);
        }
        return compiled;
    }

    private static Statement permissionStatement(JsonNode s, String path) {
        if (s.has("Principal")) {
            throw new PolicyException(path + ".Principal is only allowed in a role's trust policy.");
        }
        if (s.has("NotResource")) {
            throw new PolicyException(path + ".NotResource is not supported (RAM's grammar has Resource only).");
        }
        onlyKnown(s, PERMISSION, path);
        boolean deny = effect(s, path);
        boolean hasAction = s.has("Action");
        boolean hasNotAction = s.has("NotAction");
        if (hasAction && hasNotAction) {
            throw new PolicyException(path + " must have exactly one of Action and NotAction, not both.");
        }
        if (!hasAction && !hasNotAction) {
            throw new PolicyException(path + " must have Action or NotAction.");
        }
        String actionName = hasAction ? "Action" : "NotAction";
        List<String> actionValues = strings(s.get(actionName), path + "." + actionName);
        Wildcard[] actions = new Wildcard[actionValues.size()];
        for (int k = 0; k < actions.length; k++) {
            String a = actionValues.get(k);
            if (!ACTION.matcher(a).matches()) {
                throw new PolicyException(path + "." + actionName + "[" + k + "] \"" + a
                        + "\" must be \"*\" or <product>:<ActionName> (wildcards * and ? allowed).");
            }
            actions[k] = Wildcard.of(a.toLowerCase(Locale.ROOT));
        }
        if (!s.has("Resource")) {
            throw new PolicyException(path + ".Resource is required.");
        }
        List<String> resourceValues = strings(s.get("Resource"), path + ".Resource");
        ResourcePattern[] resources = new ResourcePattern[resourceValues.size()];
        for (int k = 0; k < resources.length; k++) {
            String r = resourceValues.get(k);
            if (!r.equals("*") && !(r.startsWith("acs:") && r.chars().noneMatch(c -> c <= ' ' || c == 0x7f))) {
                throw new PolicyException(path + ".Resource[" + k + "] \"" + r
                        + "\" must be \"*\" or an ARN acs:<product>:<region>:<account>:<relative-id>.");
            }
            resources[k] = ResourcePattern.of(r);
        }
        return new Statement(deny, actions, hasNotAction, resources, conditions(s, path), new TrustedPrincipal[0]);
    }

    private static Statement trustStatement(JsonNode s, String path) {
        if (s.has("NotAction")) {
            throw new PolicyException(path + ".NotAction is not allowed in a trust policy (use Action sts:AssumeRole).");
        }
        if (s.has("Resource")) {
            throw new PolicyException(path + ".Resource is not allowed in a trust policy (the role is the resource).");
        }
        onlyKnown(s, TRUST, path);
        boolean deny = effect(s, path);
        if (!s.has("Action")) {
            throw new PolicyException(path + ".Action is required (sts:AssumeRole).");
        }
        List<String> actionValues = strings(s.get("Action"), path + ".Action");
        List<Wildcard> actions = new ArrayList<>();
        for (int k = 0; k < actionValues.size(); k++) {
            String a = actionValues.get(k);
            if (!TRUST_ACTIONS.contains(a.toLowerCase(Locale.ROOT))) {
                throw new PolicyException(path + ".Action[" + k + "] \"" + a
                        + "\" is not allowed in a trust policy (sts:AssumeRole).");
            }
            actions.add(Wildcard.of(a.toLowerCase(Locale.ROOT)));
        }
        JsonNode principal = s.get("Principal");
        if (principal == null) {
            throw new PolicyException(path + ".Principal is required in a trust policy.");
        }
        if (!principal.isObject() || principal.isEmpty()) {
            throw new PolicyException(path + ".Principal must be an object with RAM, Service or Federated.");
        }
        List<TrustedPrincipal> principals = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : principal.properties()) {
            String kind = entry.getKey();
            String at = path + ".Principal." + kind;
            List<String> values = strings(entry.getValue(), at);
            for (int k = 0; k < values.size(); k++) {
                String v = values.get(k);
                switch (kind) {
                    case "RAM": {
                        TrustedPrincipal p = TrustedPrincipal.ram(v);
                        if (p == null) {
                            throw new PolicyException(at + "[" + k + "] \"" + v + "\" must be acs:ram::<account-id>:root,"
                                    + " acs:ram::<account-id>:user/<name> or acs:ram::<account-id>:role/<name>.");
                        }
                        principals.add(p);
                        break;
                    }
                    case "Service":
                        if (!TrustedPrincipal.SERVICE.matcher(v).matches()) {
                            throw new PolicyException(at + "[" + k + "] \"" + v
                                    + "\" must be a service name such as ecs.aliyuncs.com.");
                        }
                        principals.add(TrustedPrincipal.never());
                        break;
                    case "Federated":
                        if (!TrustedPrincipal.FEDERATED.matcher(v).matches()) {
                            throw new PolicyException(at + "[" + k + "] \"" + v
                                    + "\" must be acs:ram::<account-id>:saml-provider/<name> or oidc-provider/<name>.");
                        }
                        principals.add(TrustedPrincipal.never());
                        break;
                    default:
                        throw new PolicyException(path + ".Principal has an unknown element \"" + kind
                                + "\" (allowed: RAM, Service, Federated).");
                }
            }
        }
        return new Statement(deny, actions.toArray(new Wildcard[0]), false, new ResourcePattern[0],
                conditions(s, path), principals.toArray(new TrustedPrincipal[0]));
    }

    private static boolean effect(JsonNode s, String path) {
        JsonNode effect = s.get("Effect");
        if (effect == null) {
            throw new PolicyException(path + ".Effect is required (Allow or Deny).");
        }
        if (effect.isTextual() && effect.textValue().equals("Allow")) {
            return false;
        }
        if (effect.isTextual() && effect.textValue().equals("Deny")) {
            return true;
        }
        throw new PolicyException(path + ".Effect must be Allow or Deny.");
    }

    private static Condition[] conditions(JsonNode s, String path) {
        JsonNode block = s.get("Condition");
        if (block == null) {
            return new Condition[0];
        }
        String at = path + ".Condition";
        if (!block.isObject()) {
            throw new PolicyException(at + " must be an object of condition operators.");
        }
        List<Condition> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> op : block.properties()) {
            String opPath = at + "." + op.getKey();
            ConditionOperator operator = ConditionOperator.byName(op.getKey());
            if (operator == null) {
                throw new PolicyException(opPath + ": \"" + op.getKey() + "\" is not a supported condition operator.");
            }
            if (!op.getValue().isObject()) {
                throw new PolicyException(opPath + " must be an object of condition keys.");
            }
            if (op.getValue().isEmpty()) {
                throw new PolicyException(opPath + " must name at least one condition key.");
            }
            for (Map.Entry<String, JsonNode> k : op.getValue().properties()) {
                out.add(condition(operator, k.getKey(), k.getValue(), opPath + "." + k.getKey()));
            }
        }
        return out.toArray(new Condition[0]);
    }

    private static Condition condition(ConditionOperator operator, String keyName, JsonNode value, String path) {
        ConditionKey key = ConditionKey.byName(keyName);
        if (key == null) {
            throw new PolicyException(path + ": unknown condition key \"" + keyName + "\" (supported here: "
                    + ConditionKey.names() + ").");
        }
        if (!operator.accepts(key.type)) {
            throw new PolicyException(path + ": " + operator.name() + " does not apply to " + key.keyName + " ("
                    + describe(key.type) + ").");
        }
        List<JsonNode> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(values::add);
        } else {
            values.add(value);
        }
        if (values.isEmpty()) {
            throw new PolicyException(path + " must have at least one value.");
        }
        switch (operator.category) {
            case DATE: {
                long[] seconds = new long[values.size()];
                for (int k = 0; k < seconds.length; k++) {
                    seconds[k] = date(text(values.get(k), path, k), path, k);
                }
                return new Condition.Date(operator, key, seconds);
            }
            case BOOL: {
                boolean allowsTrue = false;
                boolean allowsFalse = false;
                for (int k = 0; k < values.size(); k++) {
                    JsonNode v = values.get(k);
                    String t = v.isBoolean() ? Boolean.toString(v.booleanValue()) : text(v, path, k);
                    if (t.equalsIgnoreCase("true")) {
                        allowsTrue = true;
                    } else if (t.equalsIgnoreCase("false")) {
                        allowsFalse = true;
                    } else {
                        throw new PolicyException(path + "[" + k + "] \"" + t + "\" must be true or false.");
                    }
                }
                return new Condition.Flag(operator, key, allowsTrue, allowsFalse);
            }
            case IP: {
                IpBlock[] blocks = new IpBlock[values.size()];
                for (int k = 0; k < blocks.length; k++) {
                    String t = text(values.get(k), path, k);
                    blocks[k] = IpBlock.parseBlock(t);
                    if (blocks[k] == null) {
                        throw new PolicyException(path + "[" + k + "] \"" + t
                                + "\" is not an IPv4 or IPv6 address or CIDR block.");
                    }
                }
                return new Condition.Address(operator, key, blocks);
            }
            default: {
                String[] texts = new String[values.size()];
                for (int k = 0; k < texts.length; k++) {
                    texts[k] = text(values.get(k), path, k);
                }
                return new Condition.Text(operator, key, texts);
            }
        }
    }

    private static String describe(ConditionKey.Type type) {
        switch (type) {
            case DATE:
                return "a date key: use the Date operators";
            case IP:
                return "an IP address key: use IpAddress, NotIpAddress or the String operators";
            default:
                return "a Boolean key: use Bool or the String operators";
        }
    }

    private static String text(JsonNode v, String path, int k) {
        if (!v.isTextual()) {
            throw new PolicyException(path + "[" + k + "] must be a string.");
        }
        return v.textValue();
    }

    /**
     * ISO 8601 with an offset, as RAM documents it ({@code 2019-08-12T17:00:00+08:00}; {@code Z} for UTC), to the
     * second. A time without an offset is refused: it would mean a different instant on every server.
     */
    private static long date(String t, String path, int k) {
        try {
            return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw new PolicyException(path + "[" + k + "] \"" + t
                    + "\" is not an ISO 8601 date-time with offset, e.g. 2019-08-12T17:00:00+08:00 or 2019-08-12T09:00:00Z.");
        }
    }

    private static List<String> strings(JsonNode node, String path) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.textValue());
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                throw new PolicyException(path + " must not be empty.");
            }
            for (int k = 0; k < node.size(); k++) {
                JsonNode v = node.get(k);
                if (!v.isTextual()) {
                    throw new PolicyException(path + "[" + k + "] must be a string.");
                }
                out.add(v.textValue());
            }
        } else {
            throw new PolicyException(path + " must be a string or a list of strings.");
        }
        for (int k = 0; k < out.size(); k++) {
            if (out.get(k).isEmpty()) {
                throw new PolicyException(path + (node.isArray() ? "[" + k + "]" : "") + " must not be empty.");
            }
        }
        return out;
    }

    private static void onlyKnown(JsonNode object, Set<String> allowed, String where) {
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (!allowed.contains(e.getKey())) {
                throw new PolicyException("Unknown element \"" + e.getKey() + "\" in " + where + " (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ").");
            }
        }
    }
}
