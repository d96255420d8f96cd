package cloud.swas.ram;

import static cloud.swas.support.ErrorAssertions.assertJsonError;
import static cloud.swas.support.ErrorAssertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.auth.AccessKeyStore;
import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RAM users (contract 11.2): CreateUser, GetUser, ListUsers with paging, UpdateUser, DeleteUser; names, field
 * types and errors as the SDK {@code @alicloud/ram20150501} 1.2.1 and RAM's API reference have them.
 */
@QuarkusTest
class RamUsersTest {

    private static final String DATE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

    @Inject
    AccessKeyStore keys;

    @Inject
    Db db;

    @Test
    void aUserIsCreatedReadUpdatedAndDeleted() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMUSER");
        JsonPath created = Api.ram(account, "CreateUser").param("UserName", "alice.dev@ops_1")
                .param("DisplayName", "Alice").param("Comments", "builds images").post()
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> user = created.getMap("User");
        assertThat(user).containsOnlyKeys("UserId", "UserName", "DisplayName", "Comments", "CreateDate");
        assertThat((String) user.get("UserId")).matches("[1-9]\\d{15}");
        assertThat(user).containsEntry("UserName", "alice.dev@ops_1").containsEntry("DisplayName", "Alice")
                .containsEntry("Comments", "builds images");
        assertThat((String) user.get("CreateDate")).matches(DATE);
        assertThat(db.count("SELECT count(*) FROM ram_user WHERE account_id = ? AND user_name = ?",
                account.accountId(), "alice.dev@ops_1")).isEqualTo(1);

        // Names compare without regard to case.
        Map<String, Object> read = Api.ram(account, "GetUser").param("UserName", "ALICE.DEV@OPS_1").post()
                .then().statusCode(200).extract().jsonPath().getMap("User");
        assertThat(read).containsOnlyKeys("UserId", "UserName", "DisplayName", "Comments", "CreateDate", "UpdateDate");
        assertThat(read).containsEntry("UserId", user.get("UserId")).containsEntry("UserName", "alice.dev@ops_1");

        Map<String, Object> updated = Api.ram(account, "UpdateUser").param("UserName", "alice.dev@ops_1")
                .param("NewUserName", "alice").param("NewDisplayName", "Alice A.").post()
                .then().statusCode(200).extract().jsonPath().getMap("User");
        assertThat(updated).containsEntry("UserName", "alice").containsEntry("DisplayName", "Alice A.")
                .containsEntry("Comments", "builds images").containsEntry("UserId", user.get("UserId"));
        assertJsonError(Api.ram(account, "GetUser").param("UserName", "alice.dev@ops_1").post(),
                404, "EntityNotExist.User", "The user does not exist.");

        Api.ram(account, "DeleteUser").param("UserName", "Alice").post().then().statusCode(200);
        assertJsonError(Api.ram(account, "GetUser").param("UserName", "alice").post(),
                404, "EntityNotExist.User", "The user does not exist.");
        assertJsonError(Api.ram(account, "DeleteUser").param("UserName", "alice").post(),
                404, "EntityNotExist.User", "The user does not exist.");
    }

    @Test
    void namesAreUniquePerAccountWithoutRegardToCase() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMUNIQ");
        TestAccount other = RamSetup.freshAccount(keys, "RAMUNIQ2");
        RamSetup.createUser(account, "bob");
        RamSetup.createUser(account, "carol");
        assertJsonError(Api.ram(account, "CreateUser").param("UserName", "BOB").post(),
                409, "EntityAlreadyExists.User", "The user does already EXIST.");
        assertJsonError(Api.ram(account, "UpdateUser").param("UserName", "carol").param("NewUserName", "Bob").post(),
                409, "EntityAlreadyExists.User", "The user does already EXIST.");
        // Another account's namespace is its own.
        RamSetup.createUser(other, "bob");
        // A change of case alone is a rename of the same user.
        Api.ram(account, "UpdateUser").param("UserName", "bob").param("NewUserName", "Bob").post()
                .then().statusCode(200);
        assertThat(Api.ram(account, "GetUser").param("UserName", "bob").post().jsonPath().getString("User.UserName"))
                .isEqualTo("Bob");
    }

    @Test
    void badParametersAreRefusedWithRamsCodes() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMBAD");
        assertJsonError(Api.ram(account, "CreateUser").param("UserName", "has space").post(),
                400, "InvalidParameter.UserName.InvalidChars", "The parameter - \"UserName\" contains invalid chars.");
        assertJsonError(Api.ram(account, "CreateUser").param("UserName", "u".repeat(65)).post(),
                400, "InvalidParameter.UserName.Length", "The parameter - \"UserName\" beyond the length limit.");
        assertJsonError(Api.ram(account, "CreateUser").param("UserName", "ok").param("DisplayName", "d".repeat(129))
                .post(), 400, "InvalidParameter.DisplayName.Length",
                "The parameter - \"DisplayName\" beyond the length limit.");
        assertJsonError(Api.ram(account, "CreateUser").param("UserName", "ok").param("Comments", "c".repeat(129))
                .post(), 400, "InvalidParameter.Comments.Length",
                "The parameter - \"Comments\" beyond the length limit.");
        assertJsonError(Api.ram(account, "CreateUser").post(), 400, "MissingParameter",
                "The input parameter \"UserName\" that is mandatory for processing this request is not supplied.");
        RamSetup.createUser(account, "ok");
        assertJsonError(Api.ram(account, "UpdateUser").param("UserName", "ok").param("NewUserName", "no/slash").post(),
                400, "InvalidParameter.NewUserName.InvalidChars",
                "The parameter - \"NewUserName\" contains invalid chars.");
        assertJsonError(Api.ram(account, "UpdateUser").param("UserName", "ok").param("NewComments", "c".repeat(129))
                .post(), 400, "InvalidParameter.NewComments.Length",
                "The parameter - \"NewComments\" beyond the length limit.");
        assertJsonError(Api.ram(account, "ListUsers").param("MaxItems", "1001").post(),
                400, "InvalidParameter", "The specified parameter \"MaxItems\" is not valid.");
        assertJsonError(Api.ram(account, "ListUsers").param("Marker", "not a marker!").post(),
                400, "InvalidParameter", "The specified parameter \"Marker\" is not valid.");
        assertThat(db.count("SELECT count(*) FROM ram_user WHERE account_id = ?", account.accountId())).isEqualTo(1);
    }

    @Test
    void listUsersPagesByNameWithMarker() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMPAGE");
        List<String> names = List.of("erin", "Dave", "alice", "carol", "bob");
        names.forEach(n -> RamSetup.createUser(account, n));

        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            Api call = Api.ram(account, "ListUsers").param("MaxItems", "2");
            if (marker != null) {
                call.param("Marker", marker);
            }
            JsonPath page = call.post().then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> users = page.getList("Users.User");
            users.forEach(u -> assertThat(u).containsOnlyKeys("UserId", "UserName", "CreateDate", "UpdateDate"));
            users.forEach(u -> seen.add((String) u.get("UserName")));
            boolean truncated = page.getBoolean("IsTruncated");
            marker = page.getString("Marker");
            assertThat(marker == null).isEqualTo(!truncated);
            pages++;
        } while (marker != null);
        assertThat(seen).containsExactly("alice", "bob", "carol", "Dave", "erin");
        assertThat(pages).isEqualTo(3);

        JsonPath all = Api.ram(account, "ListUsers").post().then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("Users.User")).hasSize(5);
        assertThat(all.getBoolean("IsTruncated")).isFalse();
        assertThat(all.getMap("$")).doesNotContainKey("Marker");
    }

    @Test
    void xmlShapesNestListsAsRamDoes() {
        TestAccount account = RamSetup.freshAccount(keys, "RAMXML");
        RamSetup.createUser(account, "xml-one");
        RamSetup.createUser(account, "xml-two");
        Response list = Api.ram(account, "ListUsers").xml().post();
        list.then().statusCode(200).header("Content-Type", "application/xml;charset=utf-8");
        XmlPath xml = new XmlPath(list.asString());
        assertThat(xml.getList("ListUsersResponse.Users.User.UserName")).containsExactly("xml-one", "xml-two");
        assertThat(xml.getString("ListUsersResponse.IsTruncated")).isEqualTo("false");
        assertThat(list.asString()).contains("<Users><User><UserId>");

        XmlPath created = new XmlPath(Api.ram(account, "CreateUser").param("UserName", "xml-three").xml().post()
                .then().statusCode(200).extract().asString());
        assertThat(created.getString("CreateUserResponse.User.UserName")).isEqualTo("xml-three");
        assertXmlError(Api.ram(account, "GetUser").param("UserName", "nobody").xml().post(),
                404, "EntityNotExist.User", "The user does not exist.");
    }
}
