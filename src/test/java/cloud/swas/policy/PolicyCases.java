package cloud.swas.policy;

import java.time.Instant;
import java.util.List;

/** Shorthands for the tables: documents written with ' for ", facts with one field changed. */
final class PolicyCases {

    static final Instant NOON = Instant.parse("2026-12-04T12:00:00Z");
    static final RequestFacts FACTS = new RequestFacts(NOON, "192.0.2.10", true, false);

    private PolicyCases() {
    }

    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** A document of the given statements, each written with ' for ". */
    static String doc(String... statements) {
        return json("{'Version':'1','Statement':[" + String.join(",", statements) + "]}");
    }

    static String allow(String action, String resource) {
        return "{'Effect':'Allow','Action':" + list(action) + ",'Resource':" + list(resource) + "}";
    }

    static String deny(String action, String resource) {
        return "{'Effect':'Deny','Action':" + list(action) + ",'Resource':" + list(resource) + "}";
    }

    static String allowIf(String action, String resource, String condition) {
        return "{'Effect':'Allow','Action':" + list(action) + ",'Resource':" + list(resource)
                + ",'Condition':" + condition + "}";
    }

    static String denyIf(String action, String resource, String condition) {
        return "{'Effect':'Deny','Action':" + list(action) + ",'Resource':" + list(resource)
                + ",'Condition':" + condition + "}";
    }

    /** "a" -> 'a'; "a|b" -> ['a','b']. */
    static String list(String values) {
        if (!values.contains("|")) {
            return "'" + values + "'";
        }
        return "['" + String.join("','", values.split("\\|")) + "']";
    }

    static RequestFacts at(String isoInstant) {
        return new RequestFacts(isoInstant == null ? null : Instant.parse(isoInstant), FACTS.sourceIp(),
                FACTS.secureTransport(), FACTS.mfaPresent());
    }

    static RequestFacts from(String ip) {
        return new RequestFacts(NOON, ip, FACTS.secureTransport(), FACTS.mfaPresent());
    }

    static RequestFacts secure(boolean secure) {
        return new RequestFacts(NOON, FACTS.sourceIp(), secure, FACTS.mfaPresent());
    }

    static RequestFacts mfa(boolean mfa) {
        return new RequestFacts(NOON, FACTS.sourceIp(), FACTS.secureTransport(), mfa);
    }

    static List<PolicyDocument> parseAll(List<String> documents) {
        return documents.stream().map(PolicyDocument::parse).toList();
    }

    /** The decision as the contract's words: Allow, ImplicitDeny, ExplicitDeny, prefixed Session: for the session. */
    static String words(Decision d) {
        if (d.allowed()) {
            return "Allow";
        }
        return (d.deniedBySession() ? "Session:" : "") + (d.explicitDeny() ? "ExplicitDeny" : "ImplicitDeny");
    }
}
