package cloud.swas.policy;

import static cloud.swas.policy.PolicyCases.FACTS;
import static cloud.swas.policy.PolicyCases.allow;
import static cloud.swas.policy.PolicyCases.allowIf;
import static cloud.swas.policy.PolicyCases.at;
import static cloud.swas.policy.PolicyCases.deny;
import static cloud.swas.policy.PolicyCases.denyIf;
import static cloud.swas.policy.PolicyCases.doc;
import static cloud.swas.policy.PolicyCases.from;
import static cloud.swas.policy.PolicyCases.json;
import static cloud.swas.policy.PolicyCases.mfa;
import static cloud.swas.policy.PolicyCases.secure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision table of contract 11.3: each row is identity policies, an optional session policy, a call (action,
 * resources, facts) and the expected outcome in the contract's words (Allow, ImplicitDeny, ExplicitDeny; prefixed
 * Session: when the session policy is what denied).
 */
class PolicyDecisionTest {

    static final String IMG = "acs:swas-open:cn-hangzhou:1234567890123:customimage/m-abc";
    static final String IMG2 = "acs:swas-open:cn-hangzhou:1234567890123:customimage/m-def";
    static final String IMG_OTHER_ACCOUNT = "acs:swas-open:cn-hangzhou:1234567890124:customimage/m-abc";
    static final String IMAGES = "acs:swas-open:cn-hangzhou:1234567890123:customimage/*";

    record Case(String name, List<String> policies, String session, String action, List<String> resources,
                RequestFacts facts, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Case> CASES = new ArrayList<>();

    /** One row: identity policies only. */
    private static void row(String name, String expected, String action, String resources, RequestFacts facts,
                            String... policies) {
        CASES.add(new Case(name, List.of(policies), null, action, List.of(resources.split("\\|")), facts, expected));
    }

    /** One row with a session policy. */
    private static void sessionRow(String name, String expected, String action, String resources, String session,
                                   String... policies) {
        CASES.add(new Case(name, List.of(policies), session, action, List.of(resources.split("\\|")), FACTS,
                expected));
    }

    static {
        documentedExamples();
        actions();
        resources();
        notAction();
        denyOverAllow();
        multiplePoliciesAndResources();
        sessions();
        stringConditions();
        dateConditions();
        boolConditions();
        ipConditions();
        combinedConditions();
    }

    private static void documentedExamples() {
        // https://www.alibabacloud.com/help/en/ram/user-guide/access-alibaba-cloud-resources-by-using-a-specific-ip-address-or-cidr-block
        String ipAllow = json("{'Statement':[{'Action':'ecs:*','Effect':'Allow','Resource':'*','Condition':{'IpAddress':"
                + "{'acs:SourceIp':['192.0.2.0/24','203.0.113.2']}}}],'Version':'1'}");
        row("doc: IpAddress allow, inside the /24", "Allow", "ecs:DescribeInstances", "*", from("192.0.2.77"), ipAllow);
        row("doc: IpAddress allow, the single address", "Allow", "ecs:StopInstance", "*", from("203.0.113.2"), ipAllow);
        row("doc: IpAddress allow, next address", "ImplicitDeny", "ecs:StopInstance", "*", from("203.0.113.3"), ipAllow);
        String ipDeny = json("{'Statement':[{'Action':'ecs:*','Resource':'*','Effect':'Allow'},{'Action':'ecs:*','Effect':"
                + "'Deny','Resource':'*','Condition':{'NotIpAddress':{'acs:SourceIp':['192.0.2.0/24','203.0.113.2']}}}],"
                + "'Version':'1'}");
        row("doc: NotIpAddress deny, inside", "Allow", "ecs:DescribeInstances", "*", from("192.0.2.5"), ipDeny);
        row("doc: NotIpAddress deny, outside", "ExplicitDeny", "ecs:DescribeInstances", "*", from("198.51.100.1"), ipDeny);
        // https://alibabacloud.com/help/en/ram/user-guide/access-alibaba-cloud-in-a-specified-period-of-time
        String before = json("{'Statement':[{'Action':'ecs:*','Effect':'Allow','Resource':'*','Condition':{'DateLessThan':"
                + "{'acs:CurrentTime':'2019-08-12T17:00:00+08:00'}}}],'Version':'1'}");
        row("doc: DateLessThan, one second before (UTC+8)", "Allow", "ecs:StartInstance", "*",
                at("2019-08-12T08:59:59Z"), before);
        row("doc: DateLessThan, at the instant", "ImplicitDeny", "ecs:StartInstance", "*", at("2019-08-12T09:00:00Z"),
                before);
        row("doc: DateLessThan, a day later", "ImplicitDeny", "ecs:StartInstance", "*", at("2019-08-13T08:00:00Z"), before);
        // https://www.alibabacloud.com/help/doc-detail/141576.htm
        String reboot = json("{'Statement':[{'Action':'ecs:RebootInstance','Effect':'Allow','Resource':'*','Condition':"
                + "{'Bool':{'acs:MFAPresent':'true'}}}],'Version':'1'}");
        row("doc: Bool MFAPresent true, without MFA", "ImplicitDeny", "ecs:RebootInstance", "*", mfa(false), reboot);
        row("doc: Bool MFAPresent true, with MFA", "Allow", "ecs:RebootInstance", "*", mfa(true), reboot);
        // https://www.alibabacloud.com/help/doc-detail/93738.htm (Action and Resource examples)
        String elements = doc(allow("oss:ListBuckets|ecs:Describe*|rds:Describe*",
                "acs:ecs:*:*:instance/inst-001|acs:ecs:*:*:instance/inst-002|acs:oss:*:*:mybucket|acs:oss:*:*:mybucket/*"));
        row("doc: elements, ecs:Describe* on inst-001", "Allow", "ecs:DescribeInstances",
                "acs:ecs:cn-hangzhou:1234567890123:instance/inst-001", FACTS, elements);
        row("doc: elements, on inst-003", "ImplicitDeny", "ecs:DescribeInstances",
                "acs:ecs:cn-hangzhou:1234567890123:instance/inst-003", FACTS, elements);
        row("doc: elements, oss object in mybucket", "Allow", "oss:ListBuckets",
                "acs:oss:cn-hangzhou:1234567890123:mybucket/dir1/object1.jpg", FACTS, elements);
        row("doc: elements, another bucket", "ImplicitDeny", "oss:ListBuckets",
                "acs:oss:cn-hangzhou:1234567890123:mybucket2", FACTS, elements);
        row("doc: elements, action not listed", "ImplicitDeny", "ecs:StopInstance",
                "acs:ecs:cn-hangzhou:1234567890123:instance/inst-001", FACTS, elements);
        // https://www.alibabacloud.com/help/en/ram/policy-elements (NotAction: everything except RAM)
        String notRam = doc("{'Effect':'Allow','NotAction':'ram:*','Resource':'*'}");
        row("doc: NotAction ram:*, an ECS action", "Allow", "ecs:DescribeImages", "*", FACTS, notRam);
        row("doc: NotAction ram:*, a RAM action", "ImplicitDeny", "ram:CreateUser", "*", FACTS, notRam);
        // https://www.alibabacloud.com/help/doc-detail/27447.htm (MNS, two CIDR blocks)
        String mns = json("{'Version':'1','Statement':[{'Action':'mns:*','Effect':'Allow','Resource':'acs:mns:*:*:*',"
                + "'Condition':{'IpAddress':{'acs:SourceIp':['42.120.88.0/24','42.120.66.0/24']}}}]}");
        row("doc: MNS, second block", "Allow", "mns:SendMessage", "acs:mns:cn-hangzhou:1234567890123:/queues/q1",
                from("42.120.66.9"), mns);
        row("doc: MNS, outside both", "ImplicitDeny", "mns:SendMessage", "acs:mns:cn-hangzhou:1234567890123:/queues/q1",
                from("42.120.67.9"), mns);
    }

    private static void actions() {
        row("action: exact", "Allow", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(allow("swas-open:DeleteCustomImage", "*")));
        row("action: case-insensitive call", "Allow", "SWAS-OPEN:deletecustomimage", IMG, FACTS,
                doc(allow("swas-open:DeleteCustomImage", "*")));
        row("action: case-insensitive pattern", "Allow", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(allow("Swas-Open:DELETE*", "*")));
        row("action: another action", "ImplicitDeny", "swas-open:DeleteCustomImages", IMG, FACTS,
                doc(allow("swas-open:DeleteCustomImage", "*")));
        row("action: star", "Allow", "swas-open:DeleteCustomImage", IMG, FACTS, doc(allow("*", "*")));
        row("action: product star", "Allow", "swas-open:ModifyImageShareStatus", IMG, FACTS,
                doc(allow("swas-open:*", "*")));
        row("action: product star, other product", "ImplicitDeny", "ecs:DescribeImages", "*", FACTS,
                doc(allow("swas-open:*", "*")));
        row("action: prefix", "Allow", "swas-open:ListCustomImages", IMAGES, FACTS, doc(allow("swas-open:List*", "*")));
        row("action: prefix, no match", "ImplicitDeny", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(allow("swas-open:List*", "*")));
        row("action: inner star", "Allow", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(allow("swas-open:*CustomImage", "*")));
        row("action: inner star, longer name", "ImplicitDeny", "swas-open:DeleteCustomImages", IMG, FACTS,
                doc(allow("swas-open:*CustomImage", "*")));
        row("action: question mark, one more char", "Allow", "swas-open:DeleteCustomImages", IMG, FACTS,
                doc(allow("swas-open:DeleteCustomImage?", "*")));
        row("action: question mark needs a char", "ImplicitDeny", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(allow("swas-open:DeleteCustomImage?", "*")));
        row("action: no implicit prefix", "ImplicitDeny", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(allow("swas-open:Delete", "*")));
        row("action: product wildcard", "Allow", "swas-open:ListImages", "*", FACTS, doc(allow("*:List*", "*")));
        row("action: list, second entry", "Allow", "swas-open:ListImages", "*", FACTS,
                doc(allow("ecs:DescribeImages|swas-open:ListImages", "*")));
        row("action: several stars", "Allow", "swas-open:AddCustomImageShareAccount", IMG, FACTS,
                doc(allow("swas-open:*Custom*Share*", "*")));
    }

    private static void resources() {
        row("resource: exact ARN", "Allow", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(allow("swas-open:DeleteCustomImage", IMG)));
        row("resource: image id is case-sensitive", "ImplicitDeny", "swas-open:DeleteCustomImage",
                IMG.replace("m-abc", "m-ABC"), FACTS, doc(allow("swas-open:DeleteCustomImage", IMG)));
        row("resource: another image", "ImplicitDeny", "swas-open:DeleteCustomImage", IMG2, FACTS,
                doc(allow("swas-open:DeleteCustomImage", IMG)));
        row("resource: customimage/*", "Allow", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(allow("swas-open:DeleteCustomImage", IMAGES)));
        row("resource: the literal customimage/* of a list call", "Allow", "swas-open:ListCustomImages", IMAGES, FACTS,
                doc(allow("swas-open:ListCustomImages", IMAGES)));
        row("resource: an image ARN does not cover customimage/*", "ImplicitDeny", "swas-open:ListCustomImages",
                IMAGES, FACTS, doc(allow("swas-open:ListCustomImages", IMG)));
        row("resource: any region, any account", "Allow", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(allow("swas-open:DeleteCustomImage", "acs:swas-open:*:*:customimage/*")));
        row("resource: other account", "ImplicitDeny", "swas-open:DeleteCustomImage", IMG_OTHER_ACCOUNT, FACTS,
                doc(allow("swas-open:DeleteCustomImage", IMAGES)));
        row("resource: other region", "ImplicitDeny", "swas-open:DeleteCustomImage",
                IMG.replace("cn-hangzhou", "cn-beijing"), FACTS, doc(allow("swas-open:DeleteCustomImage", IMAGES)));
        row("resource: question mark in the id", "Allow", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(allow("swas-open:DeleteCustomImage", "acs:swas-open:*:1234567890123:customimage/m-a?c")));
        row("resource: a star stays in its field", "ImplicitDeny", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(allow("swas-open:DeleteCustomImage", "acs:swas-open:*:customimage/*")));
        row("resource: account field is not a prefix", "ImplicitDeny", "swas-open:DeleteCustomImage",
                "acs:swas-open:cn-hangzhou:12345678901234:customimage/m-abc", FACTS,
                doc(allow("swas-open:DeleteCustomImage", "acs:swas-open:*:1234567890123:customimage/*")));
        row("resource: short pattern covers the rest", "Allow", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(allow("swas-open:DeleteCustomImage", "acs:swas-open:*")));
        row("resource: other product", "ImplicitDeny", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(allow("swas-open:DeleteCustomImage", "acs:ecs:*:*:*")));
        row("resource: * call needs * in the policy", "ImplicitDeny", "swas-open:ListImages", "*", FACTS,
                doc(allow("swas-open:ListImages", "acs:swas-open:*:*:*")));
        row("resource: * call, * policy", "Allow", "swas-open:ListImages", "*", FACTS,
                doc(allow("swas-open:ListImages", "*")));
        row("resource: role name ignores case", "Allow", "sts:AssumeRole", "acs:ram::1234567890123:role/admin", FACTS,
                doc(allow("sts:AssumeRole", "acs:ram:*:1234567890123:role/Admin")));
        row("resource: user name ignores case", "Allow", "ram:GetUser", "acs:ram::1234567890123:user/Alice", FACTS,
                doc(allow("ram:GetUser", "acs:ram:*:1234567890123:user/alice")));
        row("resource: role, another name", "ImplicitDeny", "sts:AssumeRole", "acs:ram::1234567890123:role/admin2",
                FACTS, doc(allow("sts:AssumeRole", "acs:ram:*:1234567890123:role/Admin")));
        row("resource: non-RAM ids keep their case", "ImplicitDeny", "ecs:DescribeImages",
                "acs:ecs:cn-hangzhou:1234567890123:image/M-ABC", FACTS,
                doc(allow("ecs:DescribeImages", "acs:ecs:*:*:image/m-abc")));
        row("resource: list, second entry", "Allow", "swas-open:DeleteCustomImage", IMG2, FACTS,
                doc(allow("swas-open:DeleteCustomImage", IMG + "|" + IMG2)));
    }

    private static void notAction() {
        String exceptDelete = doc("{'Effect':'Allow','NotAction':['swas-open:Delete*','ram:*'],'Resource':'*'}");
        row("NotAction: allowed outside the list", "Allow", "swas-open:ListCustomImages", IMAGES, FACTS, exceptDelete);
        row("NotAction: listed action not allowed", "ImplicitDeny", "swas-open:DeleteCustomImage", IMG, FACTS,
                exceptDelete);
        row("NotAction: listed, case-insensitive", "ImplicitDeny", "SWAS-OPEN:deletecustomimages", IMG, FACTS,
                exceptDelete);
        row("NotAction: second entry", "ImplicitDeny", "ram:CreateUser", "*", FACTS, exceptDelete);
        String denyAllButList = doc(allow("*", "*"), "{'Effect':'Deny','NotAction':'swas-open:List*','Resource':'*'}");
        row("NotAction in Deny: listed action survives", "Allow", "swas-open:ListImages", "*", FACTS, denyAllButList);
        row("NotAction in Deny: the rest is denied", "ExplicitDeny", "swas-open:DeleteCustomImage", IMG, FACTS,
                denyAllButList);
        row("NotAction with a resource", "ImplicitDeny", "swas-open:ModifyImageShareStatus", IMG2, FACTS,
                doc("{'Effect':'Allow','NotAction':'swas-open:Delete*','Resource':'" + IMG + "'}"));
    }

    private static void denyOverAllow() {
        row("deny: same policy", "ExplicitDeny", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(allow("swas-open:*", "*"), deny("swas-open:DeleteCustomImage", IMG)));
        row("deny: before the allow", "ExplicitDeny", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(deny("swas-open:DeleteCustomImage", IMG), allow("swas-open:*", "*")));
        row("deny: in another policy", "ExplicitDeny", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(allow("swas-open:*", "*")), doc(deny("swas-open:Delete*", "*")));
        row("deny: another resource leaves the allow", "Allow", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(allow("swas-open:*", "*"), deny("swas-open:DeleteCustomImage", IMG2)));
        row("deny: another action leaves the allow", "Allow", "swas-open:ModifyImageShareStatus", IMG, FACTS,
                doc(allow("swas-open:*", "*"), deny("swas-open:DeleteCustomImage", "*")));
        row("deny: without any allow", "ExplicitDeny", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(deny("*", "*")));
        row("deny: wildcard resource", "ExplicitDeny", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(allow("*", "*"), deny("*", IMAGES)));
        row("deny: AdministratorAccess does not beat a Deny", "ExplicitDeny", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(allow("*", "*")), doc(allow("*", "*")), doc(deny("swas-open:DeleteCustomImage", "*")));
    }

    private static void multiplePoliciesAndResources() {
        row("policies: none at all", "ImplicitDeny", "swas-open:ListImages", "*", FACTS);
        row("policies: allow in the second", "Allow", "swas-open:ListImages", "*", FACTS,
                doc(allow("ecs:*", "*")), doc(allow("swas-open:ListImages", "*")));
        row("policies: neither covers", "ImplicitDeny", "swas-open:ListImages", "*", FACTS,
                doc(allow("ecs:*", "*")), doc(allow("ram:*", "*")));
        row("policies: action in one, resource in another, never combined", "ImplicitDeny",
                "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(allow("swas-open:DeleteCustomImage", IMG2)), doc(allow("swas-open:ListImages", IMG)));
        row("resources: all allowed", "Allow", "swas-open:DeleteCustomImages", IMG + "|" + IMG2, FACTS,
                doc(allow("swas-open:DeleteCustomImages", IMG + "|" + IMG2)));
        row("resources: one not allowed", "ImplicitDeny", "swas-open:DeleteCustomImages", IMG + "|" + IMG2, FACTS,
                doc(allow("swas-open:DeleteCustomImages", IMG)));
        row("resources: the other order", "ImplicitDeny", "swas-open:DeleteCustomImages", IMG2 + "|" + IMG, FACTS,
                doc(allow("swas-open:DeleteCustomImages", IMG)));
        row("resources: one explicitly denied", "ExplicitDeny", "swas-open:DeleteCustomImages", IMG + "|" + IMG2, FACTS,
                doc(allow("swas-open:DeleteCustomImages", "*"), deny("swas-open:DeleteCustomImages", IMG2)));
        row("resources: one implicit, one explicit", "ExplicitDeny", "swas-open:DeleteCustomImages",
                IMG + "|" + IMG2 + "|" + IMG_OTHER_ACCOUNT, FACTS,
                doc(allow("swas-open:DeleteCustomImages", IMAGES), deny("swas-open:DeleteCustomImages", IMG2)));
        row("resources: allowed by two statements", "Allow", "swas-open:DeleteCustomImages", IMG + "|" + IMG2, FACTS,
                doc(allow("swas-open:DeleteCustomImages", IMG)), doc(allow("swas-open:DeleteCustomImages", IMG2)));
    }

    private static void sessions() {
        String all = doc(allow("swas-open:*", "*"));
        sessionRow("session: allows as well", "Allow", "swas-open:DeleteCustomImage", IMG,
                doc(allow("swas-open:DeleteCustomImage", IMG)), all);
        sessionRow("session: does not cover the action", "Session:ImplicitDeny", "swas-open:DeleteCustomImage", IMG,
                doc(allow("swas-open:List*", "*")), all);
        sessionRow("session: does not cover the resource", "Session:ImplicitDeny", "swas-open:DeleteCustomImage", IMG,
                doc(allow("swas-open:DeleteCustomImage", IMG2)), all);
        sessionRow("session: explicit deny", "Session:ExplicitDeny", "swas-open:DeleteCustomImage", IMG,
                doc(allow("*", "*"), deny("swas-open:Delete*", "*")), all);
        sessionRow("session: only narrows, never widens", "ImplicitDeny", "swas-open:DeleteCustomImage", IMG,
                doc(allow("*", "*")), doc(allow("swas-open:List*", "*")));
        sessionRow("session: identity deny under a session allow", "ExplicitDeny", "swas-open:DeleteCustomImage", IMG,
                doc(allow("*", "*")), all, doc(deny("swas-open:DeleteCustomImage", "*")));
        sessionRow("session: both deny, the session is reported", "Session:ImplicitDeny",
                "swas-open:DeleteCustomImage", IMG, doc(allow("ecs:*", "*")), doc(deny("*", "*")));
        sessionRow("session: role without policies", "ImplicitDeny", "swas-open:ListImages", "*",
                doc(allow("*", "*")));
        sessionRow("session: narrows a multi-resource call", "Session:ImplicitDeny", "swas-open:DeleteCustomImages",
                IMG + "|" + IMG2, doc(allow("swas-open:DeleteCustomImages", IMG)), all);
        sessionRow("session: allows every resource", "Allow", "swas-open:DeleteCustomImages", IMG + "|" + IMG2,
                doc(allow("swas-open:DeleteCustomImages", IMAGES)), all);
    }

    private static String cond(String operator, String key, String values) {
        return "{'" + operator + "':{'" + key + "':" + PolicyCases.list(values) + "}}";
    }

    private static void conditionRow(String name, String expected, RequestFacts facts, String operator, String key,
                                     String values) {
        row(name, expected, "swas-open:ListImages", "*", facts,
                doc(allowIf("swas-open:ListImages", "*", cond(operator, key, values))));
    }

    private static void stringConditions() {
        conditionRow("StringEquals: equal", "Allow", from("192.0.2.10"), "StringEquals", "acs:SourceIp", "192.0.2.10");
        conditionRow("StringEquals: other", "ImplicitDeny", from("192.0.2.11"), "StringEquals", "acs:SourceIp",
                "192.0.2.10");
        conditionRow("StringEquals: second value", "Allow", from("192.0.2.11"), "StringEquals", "acs:SourceIp",
                "192.0.2.10|192.0.2.11");
        conditionRow("StringEquals: missing key", "ImplicitDeny", from(null), "StringEquals", "acs:SourceIp",
                "192.0.2.10");
        conditionRow("StringEquals: case-sensitive", "ImplicitDeny", secure(true), "StringEquals",
                "acs:SecureTransport", "TRUE");
        conditionRow("StringEquals: a Boolean key as text", "Allow", secure(true), "StringEquals",
                "acs:SecureTransport", "true");
        conditionRow("StringNotEquals: differs", "Allow", from("192.0.2.11"), "StringNotEquals", "acs:SourceIp",
                "192.0.2.10");
        conditionRow("StringNotEquals: equal", "ImplicitDeny", from("192.0.2.10"), "StringNotEquals", "acs:SourceIp",
                "192.0.2.10");
        conditionRow("StringNotEquals: equal to the second value", "ImplicitDeny", from("192.0.2.10"),
                "StringNotEquals", "acs:SourceIp", "192.0.2.9|192.0.2.10");
        conditionRow("StringNotEquals: missing key is true", "Allow", from(null), "StringNotEquals", "acs:SourceIp",
                "192.0.2.10");
        conditionRow("StringEqualsIgnoreCase: TRUE", "Allow", secure(true), "StringEqualsIgnoreCase",
                "acs:SecureTransport", "TRUE");
        conditionRow("StringEqualsIgnoreCase: other", "ImplicitDeny", secure(false), "StringEqualsIgnoreCase",
                "acs:SecureTransport", "TRUE");
        conditionRow("StringEqualsIgnoreCase: IPv6 hex case", "Allow", from("2001:DB8::1"), "StringEqualsIgnoreCase",
                "acs:SourceIp", "2001:db8::1");
        conditionRow("StringNotEqualsIgnoreCase: equal", "ImplicitDeny", secure(true), "StringNotEqualsIgnoreCase",
                "acs:SecureTransport", "True");
        conditionRow("StringNotEqualsIgnoreCase: differs", "Allow", secure(false), "StringNotEqualsIgnoreCase",
                "acs:SecureTransport", "True");
        conditionRow("StringNotEqualsIgnoreCase: missing key", "Allow", from(null), "StringNotEqualsIgnoreCase",
                "acs:SourceIp", "192.0.2.10");
        conditionRow("StringLike: star", "Allow", from("192.0.2.10"), "StringLike", "acs:SourceIp", "192.0.2.*");
        conditionRow("StringLike: question mark", "Allow", from("192.0.2.10"), "StringLike", "acs:SourceIp",
                "192.0.2.1?");
        conditionRow("StringLike: no match", "ImplicitDeny", from("192.0.2.10"), "StringLike", "acs:SourceIp", "10.*");
        conditionRow("StringLike: missing key", "ImplicitDeny", from(null), "StringLike", "acs:SourceIp", "*");
        conditionRow("StringNotLike: no match is true", "Allow", from("192.0.2.10"), "StringNotLike", "acs:SourceIp",
                "10.*");
        conditionRow("StringNotLike: match", "ImplicitDeny", from("10.1.2.3"), "StringNotLike", "acs:SourceIp",
                "10.*");
        conditionRow("StringNotLike: missing key is true", "Allow", from(null), "StringNotLike", "acs:SourceIp", "*");
    }

    private static void dateConditions() {
        String t = "2026-12-04T12:00:00Z";
        conditionRow("DateEquals: same second", "Allow", at("2026-12-04T12:00:00.700Z"), "DateEquals",
                "acs:CurrentTime", t);
        conditionRow("DateEquals: next second", "ImplicitDeny", at("2026-12-04T12:00:01Z"), "DateEquals",
                "acs:CurrentTime", t);
        conditionRow("DateEquals: offset form of the same instant", "Allow", at(t), "DateEquals", "acs:CurrentTime",
                "2026-12-04T20:00:00+08:00");
        conditionRow("DateEquals: missing time", "ImplicitDeny", at(null), "DateEquals", "acs:CurrentTime", t);
        conditionRow("DateNotEquals: other", "Allow", at("2026-12-04T12:00:01Z"), "DateNotEquals", "acs:CurrentTime",
                t);
        conditionRow("DateNotEquals: equal", "ImplicitDeny", at(t), "DateNotEquals", "acs:CurrentTime", t);
        conditionRow("DateNotEquals: missing time is true", "Allow", at(null), "DateNotEquals", "acs:CurrentTime", t);
        conditionRow("DateLessThan: before", "Allow", at("2026-12-04T11:59:59Z"), "DateLessThan", "acs:CurrentTime",
                t);
        conditionRow("DateLessThan: equal", "ImplicitDeny", at(t), "DateLessThan", "acs:CurrentTime", t);
        conditionRow("DateLessThan: missing time", "ImplicitDeny", at(null), "DateLessThan", "acs:CurrentTime", t);
        conditionRow("DateLessThanEquals: equal", "Allow", at(t), "DateLessThanEquals", "acs:CurrentTime", t);
        conditionRow("DateLessThanEquals: after", "ImplicitDeny", at("2026-12-04T12:00:01Z"), "DateLessThanEquals",
                "acs:CurrentTime", t);
        conditionRow("DateGreaterThan: after", "Allow", at("2026-12-04T12:00:01Z"), "DateGreaterThan",
                "acs:CurrentTime", t);
        conditionRow("DateGreaterThan: equal", "ImplicitDeny", at(t), "DateGreaterThan", "acs:CurrentTime", t);
        conditionRow("DateGreaterThanEquals: equal", "Allow", at(t), "DateGreaterThanEquals", "acs:CurrentTime", t);
        conditionRow("DateGreaterThanEquals: before", "ImplicitDeny", at("2026-12-04T11:59:59Z"),
                "DateGreaterThanEquals", "acs:CurrentTime", t);
        conditionRow("DateGreaterThan: fractional value", "Allow", at("2026-12-04T12:00:01Z"), "DateGreaterThan",
                "acs:CurrentTime", "2026-12-04T12:00:00.999Z");
        conditionRow("DateLessThan: either value", "Allow", at("2026-12-05T00:00:00Z"), "DateLessThan",
                "acs:CurrentTime", t + "|2027-01-01T00:00:00Z");
        conditionRow("Date key name ignores case", "Allow", at("2026-12-04T11:00:00Z"), "DateLessThan",
                "ACS:currenttime", t);
        row("Date window: inside", "Allow", "swas-open:ListImages", "*", at("2026-12-04T12:30:00Z"),
                doc(allowIf("swas-open:ListImages", "*", "{'DateGreaterThanEquals':{'acs:CurrentTime':'" + t + "'},"
                        + "'DateLessThan':{'acs:CurrentTime':'2026-12-04T13:00:00Z'}}")));
        row("Date window: after", "ImplicitDeny", "swas-open:ListImages", "*", at("2026-12-04T13:00:00Z"),
                doc(allowIf("swas-open:ListImages", "*", "{'DateGreaterThanEquals':{'acs:CurrentTime':'" + t + "'},"
                        + "'DateLessThan':{'acs:CurrentTime':'2026-12-04T13:00:00Z'}}")));
    }

    private static void boolConditions() {
        conditionRow("Bool SecureTransport true over TLS", "Allow", secure(true), "Bool", "acs:SecureTransport", "true");
        conditionRow("Bool SecureTransport true over plain HTTP", "ImplicitDeny", secure(false), "Bool",
                "acs:SecureTransport", "true");
        conditionRow("Bool SecureTransport false over plain HTTP", "Allow", secure(false), "Bool",
                "acs:SecureTransport", "false");
        conditionRow("Bool value ignores case", "Allow", secure(true), "Bool", "acs:SecureTransport", "True");
        conditionRow("Bool MFAPresent false", "Allow", mfa(false), "Bool", "acs:MFAPresent", "false");
        conditionRow("Bool key name ignores case", "Allow", secure(true), "Bool", "acs:securetransport", "true");
        row("Bool as a JSON boolean", "Allow", "swas-open:ListImages", "*", secure(true),
                doc(allowIf("swas-open:ListImages", "*", "{'Bool':{'acs:SecureTransport':true}}")));
        row("Bool deny plain HTTP", "ExplicitDeny", "swas-open:ListImages", "*", secure(false),
                doc(allow("*", "*"), denyIf("*", "*", "{'Bool':{'acs:SecureTransport':'false'}}")));
        row("Bool deny plain HTTP, over TLS", "Allow", "swas-open:ListImages", "*", secure(true),
                doc(allow("*", "*"), denyIf("*", "*", "{'Bool':{'acs:SecureTransport':'false'}}")));
    }

    private static void ipConditions() {
        conditionRow("IpAddress: /24 inside", "Allow", from("10.1.2.255"), "IpAddress", "acs:SourceIp", "10.1.2.0/24");
        conditionRow("IpAddress: /24 outside", "ImplicitDeny", from("10.1.3.0"), "IpAddress", "acs:SourceIp",
                "10.1.2.0/24");
        conditionRow("IpAddress: /32", "Allow", from("10.1.2.3"), "IpAddress", "acs:SourceIp", "10.1.2.3/32");
        conditionRow("IpAddress: bare address", "ImplicitDeny", from("10.1.2.4"), "IpAddress", "acs:SourceIp",
                "10.1.2.3");
        conditionRow("IpAddress: /0", "Allow", from("203.0.113.9"), "IpAddress", "acs:SourceIp", "0.0.0.0/0");
        conditionRow("IpAddress: /9 boundary inside", "Allow", from("10.127.255.255"), "IpAddress", "acs:SourceIp",
                "10.0.0.0/9");
        conditionRow("IpAddress: /9 boundary outside", "ImplicitDeny", from("10.128.0.0"), "IpAddress", "acs:SourceIp",
                "10.0.0.0/9");
        conditionRow("IpAddress: host bits ignored", "Allow", from("192.0.2.200"), "IpAddress", "acs:SourceIp",
                "192.0.2.7/24");
        conditionRow("IpAddress: IPv6 /32 inside", "Allow", from("2001:db8:ffff::1"), "IpAddress", "acs:SourceIp",
                "2001:db8::/32");
        conditionRow("IpAddress: IPv6 /32 outside", "ImplicitDeny", from("2001:db9::1"), "IpAddress", "acs:SourceIp",
                "2001:db8::/32");
        conditionRow("IpAddress: IPv6 /64 across the 64-bit halves", "Allow", from("2001:db8:0:1:ffff:ffff:ffff:ffff"),
                "IpAddress", "acs:SourceIp", "2001:db8:0:1::/64");
        conditionRow("IpAddress: IPv6 /65", "ImplicitDeny", from("2001:db8:0:1:8000::1"), "IpAddress", "acs:SourceIp",
                "2001:db8:0:1::/65");
        conditionRow("IpAddress: IPv6 exact, other spelling", "Allow", from("2001:0db8:0000:0000:0000:0000:0000:0001"),
                "IpAddress", "acs:SourceIp", "2001:db8::1");
        conditionRow("IpAddress: IPv6 loopback", "Allow", from("::1"), "IpAddress", "acs:SourceIp", "::1/128");
        conditionRow("IpAddress: IPv4 client, IPv6 block", "ImplicitDeny", from("192.0.2.10"), "IpAddress",
                "acs:SourceIp", "2001:db8::/32");
        conditionRow("IpAddress: IPv6 client, IPv4 block", "ImplicitDeny", from("2001:db8::1"), "IpAddress",
                "acs:SourceIp", "0.0.0.0/0");
        conditionRow("IpAddress: IPv4-mapped client", "Allow", from("::ffff:192.0.2.10"), "IpAddress", "acs:SourceIp",
                "192.0.2.0/24");
        conditionRow("IpAddress: second block", "Allow", from("198.51.100.7"), "IpAddress", "acs:SourceIp",
                "192.0.2.0/24|198.51.100.0/24");
        conditionRow("IpAddress: missing address", "ImplicitDeny", from(null), "IpAddress", "acs:SourceIp", "0.0.0.0/0");
        conditionRow("IpAddress: unreadable address counts as missing", "ImplicitDeny", from("localhost"), "IpAddress",
                "acs:SourceIp", "0.0.0.0/0");
        conditionRow("NotIpAddress: outside", "Allow", from("198.51.100.7"), "NotIpAddress", "acs:SourceIp",
                "192.0.2.0/24");
        conditionRow("NotIpAddress: inside", "ImplicitDeny", from("192.0.2.7"), "NotIpAddress", "acs:SourceIp",
                "192.0.2.0/24");
        conditionRow("NotIpAddress: inside the second", "ImplicitDeny", from("198.51.100.7"), "NotIpAddress",
                "acs:SourceIp", "192.0.2.0/24|198.51.100.0/24");
        conditionRow("NotIpAddress: missing address is true", "Allow", from(null), "NotIpAddress", "acs:SourceIp",
                "192.0.2.0/24");
        conditionRow("NotIpAddress: IPv6 outside", "Allow", from("2001:db8::1"), "NotIpAddress", "acs:SourceIp",
                "192.0.2.0/24");
        row("NotIpAddress deny: unknown address is denied", "ExplicitDeny", "swas-open:ListImages", "*", from(null),
                doc(allow("*", "*"), denyIf("*", "*", "{'NotIpAddress':{'acs:SourceIp':'192.0.2.0/24'}}")));
    }

    private static void combinedConditions() {
        String both = "{'IpAddress':{'acs:SourceIp':'192.0.2.0/24'},'Bool':{'acs:SecureTransport':'true'}}";
        row("operators AND: both hold", "Allow", "swas-open:ListImages", "*", FACTS,
                doc(allowIf("swas-open:ListImages", "*", both)));
        row("operators AND: one fails", "ImplicitDeny", "swas-open:ListImages", "*", secure(false),
                doc(allowIf("swas-open:ListImages", "*", both)));
        String twoKeys = "{'Bool':{'acs:SecureTransport':'true','acs:MFAPresent':'true'}}";
        row("keys AND: one fails", "ImplicitDeny", "swas-open:ListImages", "*", FACTS,
                doc(allowIf("swas-open:ListImages", "*", twoKeys)));
        row("keys AND: both hold", "Allow", "swas-open:ListImages", "*",
                new RequestFacts(Instant.parse("2026-12-04T12:00:00Z"), "192.0.2.10", true, true),
                doc(allowIf("swas-open:ListImages", "*", twoKeys)));
        row("empty Condition holds", "Allow", "swas-open:ListImages", "*", FACTS,
                doc(allowIf("swas-open:ListImages", "*", "{}")));
        row("Deny whose condition fails leaves the Allow", "Allow", "swas-open:DeleteCustomImage", IMG, FACTS,
                doc(allow("*", "*"), denyIf("*", "*", "{'IpAddress':{'acs:SourceIp':'10.0.0.0/8'}}")));
        row("conditional Allow in one policy, plain in another", "Allow", "swas-open:ListImages", "*", secure(false),
                doc(allowIf("swas-open:ListImages", "*", "{'Bool':{'acs:SecureTransport':'true'}}")),
                doc(allow("swas-open:ListImages", "*")));
    }

    static Stream<Arguments> cases() {
        return CASES.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        List<PolicyDocument> policies = PolicyCases.parseAll(c.policies());
        PolicyDocument session = c.session() == null ? null : PolicyDocument.parse(c.session());
        Decision decision = PolicyDocument.decide(policies, session, c.action(), c.resources(), c.facts());
        assertThat(PolicyCases.words(decision)).as(c.name()).isEqualTo(c.expected());
    }
}
