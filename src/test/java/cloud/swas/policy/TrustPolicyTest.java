package cloud.swas.policy;

import static cloud.swas.policy.PolicyCases.FACTS;
import static cloud.swas.policy.PolicyCases.doc;
import static cloud.swas.policy.PolicyCases.from;
import static cloud.swas.policy.PolicyCases.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who a role's trust policy lets assume the role (contract 11.1, 11.6). */
class TrustPolicyTest {

    private static final long A = 1234567890123L;
    private static final long B = 2234567890123L;
    private static final String ALICE = "acs:ram::1234567890123:user/alice";
    private static final String BOB = "acs:ram::1234567890123:user/bob";
    private static final String DEPLOYER_SESSION = "acs:ram::1234567890123:assumed-role/deployer/ci-42";
    private static final String OTHER_ALICE = "acs:ram::2234567890123:user/alice";

    private static String trust(String principals) {
        return doc("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'RAM':" + principals + "}}");
    }

    static Stream<Arguments> cases() {
        // https://www.alibabacloud.com/help/en/ram/user-guide/edit-the-trust-policy-of-a-ram-role (the whole account)
        String account = json("{'Statement':[{'Action':'sts:AssumeRole','Effect':'Allow','Principal':{'RAM':"
                + "['acs:ram::1234567890123:root']}}],'Version':'1'}");
        // https://www.alibabacloud.com/help/en/ram/user-guide/create-a-ram-role-for-a-trusted-alibaba-cloud-account
        String onlyAlice = json("{'Version':'1','Statement':[{'Effect':'Allow','Principal':{'RAM':"
                + "'acs:ram::1234567890123:user/Alice'},'Action':'sts:AssumeRole'}]}");
        String role = trust("'acs:ram::1234567890123:role/Deployer'");
        String crossAccount = trust("['acs:ram::2234567890123:root']");
        String service = doc("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'Service':['ecs.aliyuncs.com']}}");
        String denyBob = doc("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'RAM':'acs:ram::1234567890123:root'}}",
                "{'Effect':'Deny','Action':'sts:AssumeRole','Principal':{'RAM':'acs:ram::1234567890123:user/bob'}}");
        String fromOffice = doc("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'RAM':"
                + "'acs:ram::1234567890123:root'},'Condition':{'IpAddress':{'acs:SourceIp':'192.0.2.0/24'}}}");
        String mixed = doc("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'Service':'ecs.aliyuncs.com',"
                + "'RAM':['acs:ram::2234567890123:root','acs:ram::1234567890123:user/alice']}}");
        return Stream.of(
                Arguments.of("doc: root trusts a user of the account", account, ALICE, A, FACTS, true),
                Arguments.of("doc: root trusts a role session of the account", account, DEPLOYER_SESSION, A, FACTS, true),
                Arguments.of("doc: root does not trust another account", account, OTHER_ALICE, B, FACTS, false),
                Arguments.of("doc: one user, that user (case-insensitive)", onlyAlice, ALICE, A, FACTS, true),
                Arguments.of("doc: one user, another user", onlyAlice, BOB, A, FACTS, false),
                Arguments.of("doc: one user, same name in another account", onlyAlice, OTHER_ALICE, B, FACTS, false),
                Arguments.of("doc: one user, a role session", onlyAlice, DEPLOYER_SESSION, A, FACTS, false),
                Arguments.of("role: its session (case-insensitive)", role, DEPLOYER_SESSION, A, FACTS, true),
                Arguments.of("role: a user of the account", role, ALICE, A, FACTS, false),
                Arguments.of("role: another role's session", role,
                        "acs:ram::1234567890123:assumed-role/deployer2/ci-42", A, FACTS, false),
                Arguments.of("cross-account: the trusted account's user", crossAccount, OTHER_ALICE, B, FACTS, true),
                Arguments.of("cross-account: the role's own account is not named", crossAccount, ALICE, A, FACTS, false),
                Arguments.of("caller account must agree with the ARN", crossAccount, OTHER_ALICE, A, FACTS, false),
                Arguments.of("service principal never matches a caller", service, ALICE, A, FACTS, false),
                Arguments.of("account root caller is never trusted", account, "acs:ram::1234567890123:root", A, FACTS,
                        false),
                Arguments.of("unreadable caller ARN", account, "alice", A, FACTS, false),
                Arguments.of("null caller ARN", account, null, A, FACTS, false),
                Arguments.of("Deny wins over the account's Allow", denyBob, BOB, A, FACTS, false),
                Arguments.of("Deny for another user leaves the Allow", denyBob, ALICE, A, FACTS, true),
                Arguments.of("condition holds", fromOffice, ALICE, A, from("192.0.2.9"), true),
                Arguments.of("condition fails", fromOffice, ALICE, A, from("198.51.100.9"), false),
                Arguments.of("mixed principals: the named user", mixed, ALICE, A, FACTS, true),
                Arguments.of("mixed principals: the other account", mixed, OTHER_ALICE, B, FACTS, true),
                Arguments.of("mixed principals: not named", mixed, BOB, A, FACTS, false),
                Arguments.of("action in lower case", doc("{'Effect':'Allow','Action':['sts:assumerole'],'Principal':"
                        + "{'RAM':'acs:ram::1234567890123:root'}}"), ALICE, A, FACTS, true),
                Arguments.of("only SAML federation", doc("{'Effect':'Allow','Action':'sts:AssumeRoleWithSAML','Principal':"
                        + "{'Federated':'acs:ram::1234567890123:saml-provider/idp'}}"), ALICE, A, FACTS, false),
                Arguments.of("Deny only", doc("{'Effect':'Deny','Action':'sts:AssumeRole','Principal':"
                        + "{'RAM':'acs:ram::1234567890123:root'}}"), ALICE, A, FACTS, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesWhoMayAssume(String name, String policy, String callerArn, long callerAccount, RequestFacts facts,
                             boolean expected) {
        PolicyDocument trust = PolicyDocument.parseTrust(policy);
        assertThat(trust.isTrustPolicy()).isTrue();
        assertThat(trust.trusts(callerArn, callerAccount, facts)).as(name).isEqualTo(expected);
    }
}
