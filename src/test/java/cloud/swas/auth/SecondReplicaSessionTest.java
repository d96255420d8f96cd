package cloud.swas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.support.Api;
import cloud.swas.support.Ram;
import cloud.swas.support.RamFixtures;
import cloud.swas.support.TestAccount;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two replicas on one database and one configuration (contract 11.6, 11.8): a session issued by the first (the
 * service under test, through AssumeRole) opens on a second ({@link SessionTokens} built from the same
 * configuration: nothing of the session is stored), and the second replica's role check, warm with the role,
 * refuses it once 1 s has passed since the role's deletion through the first.
 */
@QuarkusTest
class SecondReplicaSessionTest {

    @Inject
    AuthConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aSessionOfOneReplicaWorksOnAnotherUntilItsRoleIsDeleted() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        TestAccount user = Ram.userWithSystemPolicies(TestAccount.A, "replica-" + suffix, "AliyunSTSAssumeRoleAccess");
        String roleName = "Replica" + suffix;
        String roleId = Ram.call(TestAccount.A, "CreateRole").param("RoleName", roleName).param(
                        "AssumeRolePolicyDocument", RamFixtures.trust(RamFixtures.root(TestAccount.A.accountId())))
                .post().then().statusCode(200).extract().jsonPath().getString("Role.RoleId");
        JsonPath issued = Api.call(user, "AssumeRole").param("Version", "2015-04-01")
                .param("RoleArn", "acs:ram::" + TestAccount.A.accountId() + ":role/" + roleName)
                .param("RoleSessionName", "replica").post().then().statusCode(200).extract().jsonPath();

        SessionTokens secondTokens = new SessionTokens(config);
        SessionTokens.Session session = secondTokens.open(issued.getString("Credentials.SecurityToken"));
        assertThat(session.accessKeyId()).isEqualTo(issued.getString("Credentials.AccessKeyId"));
        assertThat(session.accessKeySecret()).isEqualTo(issued.getString("Credentials.AccessKeySecret"));
        assertThat(session.roleId()).isEqualTo(roleId);
        assertThat(session.accountId()).isEqualTo(TestAccount.A.accountId());

        SessionRoles secondRoles = new SessionRoles(dataSource);
        assertThat(secondRoles.exists(TestAccount.A.accountId(), roleId)).isTrue();
        Ram.call(TestAccount.A, "DeleteRole").param("RoleName", roleName).post().then().statusCode(200);
        long deleted = System.nanoTime();
        long left = deleted + Duration.ofSeconds(1).toNanos() - System.nanoTime();
        if (left > 0) {
            // Waiting out contract 11.8's bound after the change's response, no more.
            TimeUnit.NANOSECONDS.sleep(left);
        }
        assertThat(secondRoles.exists(TestAccount.A.accountId(), roleId)).isFalse();
    }
}
