package cloud.swas.ram;

import cloud.swas.api.Arns;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The RAM response objects, field names and JSON types as the SDK {@code @alicloud/ram20150501} 1.2.1 models them
 * (its {@code toMap} names are the wire names): IDs and dates are strings, counts and durations numbers, flags
 * booleans; a list is an object holding an array named by the singular ({@code "Users":{"User":[...]}}), which the
 * renderer keeps as it is in XML ({@code <Users><User>...</User></Users>}). Absent values are left out.
 */
public final class RamViews {

    private RamViews() {
    }

    /** {@code UpdateDate} is null (left out) in CreateUser's answer, as its SDK model has none. */
    @RegisterForReflection // serialized by Jackson (valueToTree); native images need it registered
    public record User(String userId, String userName, String displayName, String comments, String createDate,
                String updateDate) {

        static User of(UserRow row, boolean withUpdateDate) {
            return new User(row.userId(), row.userName(), row.displayName(), row.comments(),
                    RamDates.format(row.createDate()), withUpdateDate ? RamDates.format(row.updateDate()) : null);
        }
    }

    @RegisterForReflection
    public record UserList(List<User> user) {
    }

    /** {@code AccessKeySecret} only in CreateAccessKey's answer: the one time it is ever shown. */
    @RegisterForReflection
    public record AccessKey(String accessKeyId, String accessKeySecret, String status, String createDate) {
    }

    @RegisterForReflection
    public record AccessKeyList(List<AccessKey> accessKey) {
    }

    /** A policy; {@code AttachmentCount} and {@code PolicyDocument} only where the action's SDK model has them. */
    @RegisterForReflection
    public record Policy(String policyName, String policyType, String description, String defaultVersion,
                  String createDate, String updateDate, Integer attachmentCount, String policyDocument) {
    }

    @RegisterForReflection
    public record PolicyList(List<Policy> policy) {
    }

    /** A policy as attached to a user or role (ListPoliciesForUser / ListPoliciesForRole). */
    @RegisterForReflection
    public record AttachedPolicy(String policyName, String policyType, String description, String defaultVersion,
                          String attachDate) {
    }

    @RegisterForReflection
    public record AttachedPolicyList(List<AttachedPolicy> policy) {
    }

    @RegisterForReflection
    public record PolicyVersion(String versionId, @JsonProperty("IsDefaultVersion") boolean isDefaultVersion,
                         String policyDocument, String createDate) {
    }

    @RegisterForReflection
    public record PolicyVersionList(List<PolicyVersion> policyVersion) {
    }

    /** A role; {@code AssumeRolePolicyDocument} left out of ListRoles, {@code UpdateDate} out of CreateRole. */
    @RegisterForReflection
    public record Role(String roleId, String roleName, String arn, String description,
                       String assumeRolePolicyDocument, Integer maxSessionDuration, String createDate,
                       String updateDate) {

        static Role of(RoleRow row, boolean withDocument, boolean withUpdateDate) {
            return new Role(row.roleId(), row.roleName(), Arns.ram(row.accountId(), "role/" + row.roleName()),
                    row.description(), withDocument ? row.trustPolicy() : null, row.maxSessionDuration(),
                    RamDates.format(row.createDate()), withUpdateDate ? RamDates.format(row.updateDate()) : null);
        }
    }

    @RegisterForReflection
    public record RoleList(List<Role> role) {
    }
}
