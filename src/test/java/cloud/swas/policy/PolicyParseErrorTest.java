package cloud.swas.policy;

import static cloud.swas.policy.PolicyCases.doc;
import static cloud.swas.policy.PolicyCases.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed document is refused when it is parsed, with a message naming what is wrong and where. */
class PolicyParseErrorTest {

    private static final String OK = "{'Effect':'Allow','Action':'ecs:*','Resource':'*'}";

    static Stream<Arguments> permissionErrors() {
        return Stream.of(
                Arguments.of("empty", "", "The policy document is empty."),
                Arguments.of("blank", "   \n", "The policy document is empty."),
                Arguments.of("not JSON", "{'Version':", "The policy document is not valid JSON"),
                Arguments.of("trailing garbage", json("{'Version':'1','Statement':[" + OK + "]} x"),
                        "not valid JSON"),
                Arguments.of("duplicate top-level key", json("{'Version':'1','Version':'1','Statement':[" + OK + "]}"),
                        "Duplicate field 'Version'"),
                Arguments.of("duplicate statement key",
                        doc("{'Effect':'Allow','Effect':'Deny','Action':'ecs:*','Resource':'*'}"),
                        "Duplicate field 'Effect'"),
                Arguments.of("comment", json("{/* hi */'Version':'1','Statement':[" + OK + "]}"), "not valid JSON"),
                Arguments.of("array root", json("[" + OK + "]"), "must be a JSON object with Version and Statement"),
                Arguments.of("string root", json("'x'"), "must be a JSON object"),
                Arguments.of("unknown top-level key", json("{'Version':'1','Id':'x','Statement':[" + OK + "]}"),
                        "Unknown element \"Id\" in the policy document (allowed: Statement, Version)."),
                Arguments.of("no Version", json("{'Statement':[" + OK + "]}"), "Version is required and must be \"1\"."),
                Arguments.of("Version 2", json("{'Version':'2','Statement':[" + OK + "]}"), "Version must be \"1\"."),
                Arguments.of("Version as a number", json("{'Version':1,'Statement':[" + OK + "]}"),
                        "Version must be \"1\"."),
                Arguments.of("AWS version", json("{'Version':'2012-10-17','Statement':[" + OK + "]}"),
                        "Version must be \"1\"."),
                Arguments.of("no Statement", json("{'Version':'1'}"), "Statement is required."),
                Arguments.of("single statement object", json("{'Version':'1','Statement':" + OK + "}"),
                        "Statement must be a list of statements."),
                Arguments.of("empty Statement", json("{'Version':'1','Statement':[]}"),
                        "Statement must contain at least one statement."),
                Arguments.of("statement not an object", doc(OK, "'x'"), "Statement[1] must be an object."),
                Arguments.of("no Effect", doc(OK, "{'Action':'ecs:*','Resource':'*'}"),
                        "Statement[1].Effect is required (Allow or Deny)."),
                Arguments.of("Effect lower case", doc(OK, "{'Effect':'allow','Action':'ecs:*','Resource':'*'}"),
                        "Statement[1].Effect must be Allow or Deny."),
                Arguments.of("Effect other", doc("{'Effect':'Permit','Action':'ecs:*','Resource':'*'}"),
                        "Statement[0].Effect must be Allow or Deny."),
                Arguments.of("Effect not a string", doc("{'Effect':true,'Action':'ecs:*','Resource':'*'}"),
                        "Statement[0].Effect must be Allow or Deny."),
                Arguments.of("Sid", doc("{'Sid':'1','Effect':'Allow','Action':'ecs:*','Resource':'*'}"),
                        "Unknown element \"Sid\" in Statement[0] (allowed: Action, Condition, Effect, NotAction, Resource)."),
                Arguments.of("misspelt Condition",
                        doc("{'Effect':'Allow','Action':'ecs:*','Resource':'*','Condtion':{}}"),
                        "Unknown element \"Condtion\" in Statement[0]"),
                Arguments.of("Principal in a permission policy",
                        doc("{'Effect':'Allow','Action':'ecs:*','Resource':'*','Principal':{'RAM':'x'}}"),
                        "Statement[0].Principal is only allowed in a role's trust policy."),
                Arguments.of("NotResource", doc("{'Effect':'Allow','Action':'ecs:*','NotResource':'*'}"),
                        "Statement[0].NotResource is not supported"),
                Arguments.of("Action and NotAction",
                        doc("{'Effect':'Allow','Action':'ecs:*','NotAction':'ram:*','Resource':'*'}"),
                        "Statement[0] must have exactly one of Action and NotAction, not both."),
                Arguments.of("neither Action nor NotAction", doc("{'Effect':'Allow','Resource':'*'}"),
                        "Statement[0] must have Action or NotAction."),
                Arguments.of("Action empty list", doc("{'Effect':'Allow','Action':[],'Resource':'*'}"),
                        "Statement[0].Action must not be empty."),
                Arguments.of("Action empty string", doc("{'Effect':'Allow','Action':'','Resource':'*'}"),
                        "Statement[0].Action must not be empty."),
                Arguments.of("Action number", doc("{'Effect':'Allow','Action':5,'Resource':'*'}"),
                        "Statement[0].Action must be a string or a list of strings."),
                Arguments.of("Action object", doc("{'Effect':'Allow','Action':{},'Resource':'*'}"),
                        "Statement[0].Action must be a string or a list of strings."),
                Arguments.of("Action list with a number", doc("{'Effect':'Allow','Action':['ecs:*',1],'Resource':'*'}"),
                        "Statement[0].Action[1] must be a string."),
                Arguments.of("Action without product", doc("{'Effect':'Allow','Action':['ecs:*','Describe*'],'Resource':'*'}"),
                        "Statement[0].Action[1] \"Describe*\" must be \"*\" or <product>:<ActionName>"),
                Arguments.of("Action with two colons", doc("{'Effect':'Allow','Action':'ecs:a:b','Resource':'*'}"),
                        "Statement[0].Action[0] \"ecs:a:b\" must be"),
                Arguments.of("Action with a space", doc("{'Effect':'Allow','Action':'ecs: Describe','Resource':'*'}"),
                        "Statement[0].Action[0] \"ecs: Describe\" must be"),
                Arguments.of("NotAction malformed", doc("{'Effect':'Allow','NotAction':':x','Resource':'*'}"),
                        "Statement[0].NotAction[0] \":x\" must be"),
                Arguments.of("no Resource", doc("{'Effect':'Allow','Action':'ecs:*'}"), "Statement[0].Resource is required."),
                Arguments.of("Resource empty list", doc("{'Effect':'Allow','Action':'ecs:*','Resource':[]}"),
                        "Statement[0].Resource must not be empty."),
                Arguments.of("Resource not an ARN", doc("{'Effect':'Allow','Action':'ecs:*','Resource':['*','bucket']}"),
                        "Statement[0].Resource[1] \"bucket\" must be \"*\" or an ARN acs:<product>:<region>:<account>:<relative-id>."),
                Arguments.of("Resource AWS ARN", doc("{'Effect':'Allow','Action':'ecs:*','Resource':'arn:aws:s3:::b'}"),
                        "Statement[0].Resource[0] \"arn:aws:s3:::b\" must be"),
                Arguments.of("Resource with a space", doc("{'Effect':'Allow','Action':'ecs:*','Resource':'acs:ecs:*:*:a b'}"),
                        "Statement[0].Resource[0]"),
                Arguments.of("Condition not an object", doc("{'Effect':'Allow','Action':'ecs:*','Resource':'*','Condition':[]}"),
                        "Statement[0].Condition must be an object of condition operators."),
                Arguments.of("unknown operator", cond("StringMatches", "acs:SourceIp", "'x'"),
                        "Statement[0].Condition.StringMatches: \"StringMatches\" is not a supported condition operator."),
                Arguments.of("operator in the wrong case", cond("stringequals", "acs:SourceIp", "'x'"),
                        "\"stringequals\" is not a supported condition operator."),
                Arguments.of("IfExists variant", cond("StringEqualsIfExists", "acs:SourceIp", "'x'"),
                        "is not a supported condition operator"),
                Arguments.of("ForAnyValue qualifier", cond("ForAnyValue:StringEquals", "acs:SourceIp", "'x'"),
                        "is not a supported condition operator"),
                Arguments.of("operator body not an object",
                        doc("{'Effect':'Allow','Action':'ecs:*','Resource':'*','Condition':{'Bool':'true'}}"),
                        "Statement[0].Condition.Bool must be an object of condition keys."),
                Arguments.of("operator with no key",
                        doc("{'Effect':'Allow','Action':'ecs:*','Resource':'*','Condition':{'Bool':{}}}"),
                        "Statement[0].Condition.Bool must name at least one condition key."),
                // https://www.alibabacloud.com/help/en/ram/conditional-operator (StringLike on oss:Prefix): a key this
                // service never sets
                Arguments.of("documented oss:Prefix example", json("{'Version':'1','Statement':[{'Effect':'Allow','Action':"
                                + "['oss:GetObject'],'Resource':['acs:oss:*:*:myphotos/hangzhou/2015/*']},{'Effect':'Allow',"
                                + "'Action':['oss:ListObjects'],'Resource':['acs:oss:*:*:myphotos'],'Condition':{'StringLike':"
                                + "{'oss:Prefix':'hangzhou/2015/*'}}}]}"),
                        "Statement[1].Condition.StringLike.oss:Prefix: unknown condition key \"oss:Prefix\" (supported here:"
                                + " acs:CurrentTime, acs:SourceIp, acs:SecureTransport, acs:MFAPresent)."),
                Arguments.of("documented acs:ResourceTag example", cond("StringEquals", "acs:ResourceTag/team", "['dev']"),
                        "unknown condition key \"acs:ResourceTag/team\""),
                Arguments.of("IpAddress on the time", cond("IpAddress", "acs:CurrentTime", "'10.0.0.0/8'"),
                        "Statement[0].Condition.IpAddress.acs:CurrentTime: IpAddress does not apply to acs:CurrentTime"
                                + " (a date key: use the Date operators)."),
                Arguments.of("Date on the address", cond("DateLessThan", "acs:SourceIp", "'2019-08-12T17:00:00Z'"),
                        "DateLessThan does not apply to acs:SourceIp (an IP address key"),
                Arguments.of("Numeric on the time", cond("NumericLessThan", "acs:CurrentTime", "'5'"),
                        "NumericLessThan does not apply to acs:CurrentTime"),
                Arguments.of("Numeric on a Boolean key", cond("NumericEquals", "acs:MFAPresent", "'1'"),
                        "NumericEquals does not apply to acs:MFAPresent (a Boolean key"),
                Arguments.of("String on the time", cond("StringEquals", "acs:CurrentTime", "'x'"),
                        "StringEquals does not apply to acs:CurrentTime (a date key: use the Date operators)."),
                Arguments.of("Bool on the address", cond("Bool", "acs:SourceIp", "'true'"),
                        "Bool does not apply to acs:SourceIp"),
                Arguments.of("IpAddress on a Boolean key", cond("NotIpAddress", "acs:SecureTransport", "'10.0.0.0/8'"),
                        "NotIpAddress does not apply to acs:SecureTransport"),
                Arguments.of("no values", cond("IpAddress", "acs:SourceIp", "[]"),
                        "Statement[0].Condition.IpAddress.acs:SourceIp must have at least one value."),
                Arguments.of("bad CIDR prefix", cond("IpAddress", "acs:SourceIp", "['10.0.0.0/8','10.0.0.0/33']"),
                        "Statement[0].Condition.IpAddress.acs:SourceIp[1] \"10.0.0.0/33\" is not an IPv4 or IPv6 address or CIDR block."),
                Arguments.of("bad octet", cond("IpAddress", "acs:SourceIp", "'256.0.0.1'"), "\"256.0.0.1\" is not an IPv4"),
                Arguments.of("short IPv4", cond("IpAddress", "acs:SourceIp", "'10.1.2'"), "\"10.1.2\" is not an IPv4"),
                Arguments.of("leading zero", cond("IpAddress", "acs:SourceIp", "'010.1.2.3'"), "\"010.1.2.3\" is not an IPv4"),
                Arguments.of("host name", cond("IpAddress", "acs:SourceIp", "'example.com'"), "\"example.com\" is not an IPv4"),
                Arguments.of("bad IPv6", cond("IpAddress", "acs:SourceIp", "'2001:db8:::1'"), "\"2001:db8:::1\" is not an IPv4"),
                Arguments.of("IPv6 prefix too long", cond("IpAddress", "acs:SourceIp", "'2001:db8::/129'"),
                        "\"2001:db8::/129\" is not"),
                Arguments.of("IPv6 zone", cond("IpAddress", "acs:SourceIp", "'fe80::1%eth0'"), "\"fe80::1%eth0\" is not"),
                Arguments.of("empty prefix", cond("IpAddress", "acs:SourceIp", "'10.0.0.0/'"), "\"10.0.0.0/\" is not"),
                Arguments.of("IP as a number", cond("IpAddress", "acs:SourceIp", "[167772160]"),
                        "Statement[0].Condition.IpAddress.acs:SourceIp[0] must be a string."),
                Arguments.of("date without offset", cond("DateLessThan", "acs:CurrentTime", "'2019-08-12T17:00:00'"),
                        "Statement[0].Condition.DateLessThan.acs:CurrentTime[0] \"2019-08-12T17:00:00\" is not an ISO 8601"
                                + " date-time with offset, e.g. 2019-08-12T17:00:00+08:00"),
                Arguments.of("date only", cond("DateGreaterThan", "acs:CurrentTime", "'2019-08-12'"),
                        "\"2019-08-12\" is not an ISO 8601"),
                Arguments.of("date nonsense", cond("DateEquals", "acs:CurrentTime", "['2019-08-12T17:00:00Z','soon']"),
                        "acs:CurrentTime[1] \"soon\" is not an ISO 8601"),
                Arguments.of("epoch seconds (not documented by RAM)", cond("DateEquals", "acs:CurrentTime", "'1565600400'"),
                        "\"1565600400\" is not an ISO 8601"),
                Arguments.of("Bool other word", cond("Bool", "acs:SecureTransport", "'yes'"),
                        "Statement[0].Condition.Bool.acs:SecureTransport[0] \"yes\" must be true or false."),
                Arguments.of("Bool number", cond("Bool", "acs:SecureTransport", "1"),
                        "Statement[0].Condition.Bool.acs:SecureTransport[0] must be a string."),
                Arguments.of("String value a number", cond("StringEquals", "acs:SourceIp", "[1]"),
                        "Statement[0].Condition.StringEquals.acs:SourceIp[0] must be a string."),
                Arguments.of("condition key object value", cond("StringEquals", "acs:SourceIp", "{}"),
                        "Statement[0].Condition.StringEquals.acs:SourceIp[0] must be a string."),
                Arguments.of("trust statement in a permission policy",
                        doc("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'RAM':'acs:ram::1:root'}}"),
                        "Statement[0].Principal is only allowed in a role's trust policy."));
    }

    private static String cond(String operator, String key, String valueJson) {
        return doc("{'Effect':'Allow','Action':'ecs:*','Resource':'*','Condition':{'" + operator + "':{'" + key + "':"
                + valueJson + "}}}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("permissionErrors")
    void refusesMalformedPermissionPolicy(String name, String text, String message) {
        assertThatThrownBy(() -> PolicyDocument.parse(text)).isInstanceOf(PolicyException.class)
                .hasMessageContaining(message);
    }

    static Stream<Arguments> trustErrors() {
        String ok = "{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'RAM':'acs:ram::1234567890123:root'}}";
        return Stream.of(
                Arguments.of("no Principal", doc("{'Effect':'Allow','Action':'sts:AssumeRole'}"),
                        "Statement[0].Principal is required in a trust policy."),
                Arguments.of("Principal a string", doc("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':'*'}"),
                        "Statement[0].Principal must be an object with RAM, Service or Federated."),
                Arguments.of("Principal empty", doc("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{}}"),
                        "Statement[0].Principal must be an object"),
                Arguments.of("Principal AWS", doc("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'AWS':'x'}}"),
                        "Statement[0].Principal has an unknown element \"AWS\" (allowed: RAM, Service, Federated)."),
                Arguments.of("RAM star", doc("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'RAM':'*'}}"),
                        "Statement[0].Principal.RAM[0] \"*\" must be acs:ram::<account-id>:root,"),
                Arguments.of("RAM masked account", doc(ok, "{'Effect':'Allow','Action':'sts:AssumeRole','Principal':"
                                + "{'RAM':['acs:ram::123456789012****:root']}}"),
                        "Statement[1].Principal.RAM[0] \"acs:ram::123456789012****:root\" must be"),
                Arguments.of("RAM group", doc("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':"
                                + "{'RAM':['acs:ram::1:root','acs:ram::1:group/devs']}}"),
                        "Statement[0].Principal.RAM[1] \"acs:ram::1:group/devs\" must be"),
                Arguments.of("RAM with a region", doc("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':"
                                + "{'RAM':'acs:ram:cn-hangzhou:1:root'}}"),
                        "Statement[0].Principal.RAM[0] \"acs:ram:cn-hangzhou:1:root\" must be"),
                Arguments.of("RAM empty list", doc("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'RAM':[]}}"),
                        "Statement[0].Principal.RAM must not be empty."),
                Arguments.of("Service malformed", doc("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':"
                                + "{'Service':'ecs'}}"),
                        "Statement[0].Principal.Service[0] \"ecs\" must be a service name such as ecs.aliyuncs.com."),
                Arguments.of("Federated malformed", doc("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':"
                                + "{'Federated':'idp'}}"),
                        "Statement[0].Principal.Federated[0] \"idp\" must be"),
                Arguments.of("other action", doc("{'Effect':'Allow','Action':'ecs:*','Principal':"
                                + "{'RAM':'acs:ram::1:root'}}"),
                        "Statement[0].Action[0] \"ecs:*\" is not allowed in a trust policy (sts:AssumeRole)."),
                Arguments.of("wildcard action", doc("{'Effect':'Allow','Action':'sts:*','Principal':"
                                + "{'RAM':'acs:ram::1:root'}}"),
                        "\"sts:*\" is not allowed in a trust policy"),
                Arguments.of("no Action", doc("{'Effect':'Allow','Principal':{'RAM':'acs:ram::1:root'}}"),
                        "Statement[0].Action is required (sts:AssumeRole)."),
                Arguments.of("NotAction", doc("{'Effect':'Allow','NotAction':'ecs:*','Principal':{'RAM':'acs:ram::1:root'}}"),
                        "Statement[0].NotAction is not allowed in a trust policy"),
                Arguments.of("Resource", doc("{'Effect':'Allow','Action':'sts:AssumeRole','Resource':'*','Principal':"
                                + "{'RAM':'acs:ram::1:root'}}"),
                        "Statement[0].Resource is not allowed in a trust policy"),
                Arguments.of("unknown element", doc("{'Effect':'Allow','Action':'sts:AssumeRole','Sid':'x','Principal':"
                                + "{'RAM':'acs:ram::1:root'}}"),
                        "Unknown element \"Sid\" in Statement[0] (allowed: Action, Condition, Effect, Principal)."),
                Arguments.of("bad Effect", doc("{'Effect':'Maybe','Action':'sts:AssumeRole','Principal':"
                                + "{'RAM':'acs:ram::1:root'}}"),
                        "Statement[0].Effect must be Allow or Deny."),
                Arguments.of("condition on an unknown key", doc("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':"
                                + "{'RAM':'acs:ram::1:root'},'Condition':{'StringEquals':{'sts:ExternalId':'x'}}}"),
                        "unknown condition key \"sts:ExternalId\""),
                Arguments.of("version", json("{'Version':'2','Statement':[" + ok + "]}"), "Version must be \"1\"."),
                Arguments.of("duplicate Principal key", doc("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':"
                                + "{'RAM':'acs:ram::1:root','RAM':'acs:ram::2:root'}}"),
                        "Duplicate field 'RAM'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trustErrors")
    void refusesMalformedTrustPolicy(String name, String text, String message) {
        assertThatThrownBy(() -> PolicyDocument.parseTrust(text)).isInstanceOf(PolicyException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesADocumentLongerThanTheLimit() {
        String padding = " ".repeat(6144 - doc(OK).length());
        String atLimit = doc(OK) + padding;
        assertThat(atLimit).hasSize(6144);
        assertThat(PolicyDocument.parse(atLimit).text()).isEqualTo(atLimit);
        assertThatThrownBy(() -> PolicyDocument.parse(atLimit + " ")).isInstanceOf(PolicyException.class)
                .hasMessage("The policy document exceeds 6144 characters.");
    }

    @Test
    void countsCharactersAsCodePoints() {
        String head = "{'Effect':'Allow','Action':'oss:GetObject','Resource':'acs:oss:*:*:bucket/";
        String shell = doc(head + "'}");
        String emoji = "\uD83D\uDE00"; // one code point, two UTF-16 units
        String atLimit = doc(head + emoji.repeat(6144 - shell.length()) + "'}");
        assertThat(atLimit.codePointCount(0, atLimit.length())).isEqualTo(6144);
        assertThat(atLimit.length()).isGreaterThan(6144);
        assertThat(PolicyDocument.parse(atLimit).text()).isEqualTo(atLimit);
        String overLimit = doc(head + emoji.repeat(6145 - shell.length()) + "'}");
        assertThatThrownBy(() -> PolicyDocument.parse(overLimit)).isInstanceOf(PolicyException.class)
                .hasMessage("The policy document exceeds 6144 characters.");
    }

    @Test
    void keepsTheTextAsGiven() {
        String text = "{\n  \"Version\": \"1\",\n  \"Statement\": [" + json(OK) + "]\n}";
        assertThat(PolicyDocument.parse(text).text()).isEqualTo(text);
        assertThat(PolicyDocument.parse(text).isTrustPolicy()).isFalse();
    }

    @Test
    void aTrustPolicyIsNoPermissionPolicyAndViceVersa() {
        PolicyDocument trust = PolicyDocument.parseTrust(
                doc("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'RAM':'acs:ram::1:root'}}"));
        PolicyDocument permission = PolicyDocument.parse(doc(OK));
        assertThatThrownBy(() -> PolicyDocument.decide(java.util.List.of(trust), null, "ecs:DescribeImages",
                java.util.List.of("*"), PolicyCases.FACTS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> permission.trusts("acs:ram::1:user/a", 1, PolicyCases.FACTS))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PolicyDocument.decide(java.util.List.of(permission), null, "ecs:DescribeImages",
                java.util.List.of(), PolicyCases.FACTS)).isInstanceOf(IllegalArgumentException.class);
    }
}
