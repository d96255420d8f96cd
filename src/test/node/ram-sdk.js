// RAM through @alicloud/ram20150501 1.2.1 (signature V3 by default): users, keys, policies with versions,
// attachments, roles, read back through the SDK's models; then the new user's key calls RAM itself.
// Prints one JSON line per step; exits non-zero on an unexpected failure.
// Usage: node ram-sdk.js <port> <accountId> <accessKeyId> <secret> <suffix>
'use strict';
const Ram = require('@alicloud/ram20150501');
const Core = require('@alicloud/openapi-core');

const [port, accountId, keyId, secret, suffix] = process.argv.slice(2);
const client = (accessKeyId, accessKeySecret) => new Ram.default(new Core.$OpenApiUtil.Config({
  accessKeyId, accessKeySecret, endpoint: `127.0.0.1:${port}`, protocol: 'http',
  // A loaded 2-core machine: the SDK's default 3 s read timeout is about the machine, not the service.
  readTimeout: 30000, connectTimeout: 10000,
}));
const print = (step, data) => console.log(JSON.stringify({ step, ...data }));
const failure = async (step, call) => {
  try {
    await call();
    print(step, { error: 'expected an error' });
    process.exit(3);
  } catch (e) {
    print(step, { code: e.code, statusCode: e.statusCode, message: e.message });
  }
};

async function main() {
  const root = client(keyId, secret);
  const userName = `sdk-user-${suffix}`;
  const policyName = `sdk-policy-${suffix}`;
  const roleName = `sdk-role-${suffix}`;

  const user = (await root.createUser(new Ram.CreateUserRequest({
    userName, displayName: 'SDK user', comments: 'made by the Node SDK',
  }))).body.user;
  print('createUser', { userId: user.userId, userName: user.userName, displayName: user.displayName,
    createDate: user.createDate });
  const got = (await root.getUser(new Ram.GetUserRequest({ userName }))).body.user;
  print('getUser', { userId: got.userId, comments: got.comments, updateDate: got.updateDate });
  await failure('createUserAgain', () => root.createUser(new Ram.CreateUserRequest({ userName })));
  const users = (await root.listUsers(new Ram.ListUsersRequest({ maxItems: 100 }))).body;
  print('listUsers', { names: users.users.user.map((u) => u.userName), isTruncated: users.isTruncated });

  const key = (await root.createAccessKey(new Ram.CreateAccessKeyRequest({ userName }))).body.accessKey;
  print('createAccessKey', { accessKeyId: key.accessKeyId, secretLength: key.accessKeySecret.length,
    status: key.status });
  const keys = (await root.listAccessKeys(new Ram.ListAccessKeysRequest({ userName }))).body.accessKeys.accessKey;
  print('listAccessKeys', { ids: keys.map((k) => k.accessKeyId), secrets: keys.filter((k) => k.accessKeySecret).length });

  const document = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ram:GetUser',
    Resource: `acs:ram:*:${accountId}:user/${userName}` }] });
  const policy = (await root.createPolicy(new Ram.CreatePolicyRequest({
    policyName, policyDocument: document, description: 'read oneself',
  }))).body.policy;
  print('createPolicy', { policyName: policy.policyName, policyType: policy.policyType,
    defaultVersion: policy.defaultVersion });
  const version = (await root.createPolicyVersion(new Ram.CreatePolicyVersionRequest({
    policyName, policyDocument: document, setAsDefault: true,
  }))).body.policyVersion;
  print('createPolicyVersion', { versionId: version.versionId, isDefaultVersion: version.isDefaultVersion });
  const read = (await root.getPolicy(new Ram.GetPolicyRequest({ policyName, policyType: 'Custom' }))).body;
  print('getPolicy', { defaultVersion: read.policy.defaultVersion, attachmentCount: read.policy.attachmentCount,
    document: read.defaultPolicyVersion.policyDocument, isDefault: read.defaultPolicyVersion.isDefaultVersion });
  await failure('getMissingPolicy', () => root.getPolicy(new Ram.GetPolicyRequest({
    policyName: `absent-${suffix}`, policyType: 'Custom' })));
  const customs = (await root.listPolicies(new Ram.ListPoliciesRequest({ policyType: 'Custom' }))).body;
  print('listPolicies', { names: customs.policies.policy.map((p) => p.policyName) });

  await root.attachPolicyToUser(new Ram.AttachPolicyToUserRequest({ policyType: 'Custom', policyName, userName }));
  const attached = (await root.listPoliciesForUser(new Ram.ListPoliciesForUserRequest({ userName })))
    .body.policies.policy;
  print('listPoliciesForUser', { names: attached.map((p) => p.policyName), types: attached.map((p) => p.policyType) });
  await failure('deleteAttachedPolicy', () => root.deletePolicy(new Ram.DeletePolicyRequest({ policyName })));

  const trust = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole',
    Principal: { RAM: [`acs:ram::${accountId}:root`] } }] });
  const role = (await root.createRole(new Ram.CreateRoleRequest({
    roleName, assumeRolePolicyDocument: trust, description: 'for CI', maxSessionDuration: 7200,
  }))).body.role;
  print('createRole', { roleId: role.roleId, arn: role.arn, maxSessionDuration: role.maxSessionDuration });
  await root.attachPolicyToRole(new Ram.AttachPolicyToRoleRequest({ policyType: 'System',
    policyName: 'AliyunSWASReadOnlyAccess', roleName }));
  const forRole = (await root.listPoliciesForRole(new Ram.ListPoliciesForRoleRequest({ roleName })))
    .body.policies.policy;
  print('listPoliciesForRole', { names: forRole.map((p) => p.policyName) });
  const updated = (await root.updateRole(new Ram.UpdateRoleRequest({ roleName, newMaxSessionDuration: 3600 })))
    .body.role;
  print('updateRole', { maxSessionDuration: updated.maxSessionDuration });
  const gotRole = (await root.getRole(new Ram.GetRoleRequest({ roleName }))).body.role;
  print('getRole', { roleName: gotRole.roleName, document: gotRole.assumeRolePolicyDocument });
  const roles = (await root.listRoles(new Ram.ListRolesRequest({}))).body.roles.role;
  print('listRoles', { names: roles.map((r) => r.roleName) });

  // The user's own key: allowed to read itself, nothing else.
  const self = client(key.accessKeyId, key.accessKeySecret);
  const me = (await self.getUser(new Ram.GetUserRequest({ userName }))).body.user;
  print('userReadsItself', { userName: me.userName });
  await failure('userListsUsers', () => self.listUsers(new Ram.ListUsersRequest({})));

  await root.detachPolicyFromUser(new Ram.DetachPolicyFromUserRequest({ policyType: 'Custom', policyName, userName }));
  await root.detachPolicyFromRole(new Ram.DetachPolicyFromRoleRequest({ policyType: 'System',
    policyName: 'AliyunSWASReadOnlyAccess', roleName }));
  await root.updateAccessKey(new Ram.UpdateAccessKeyRequest({ userName, userAccessKeyId: key.accessKeyId,
    status: 'Inactive' }));
  await failure('deleteUserWithKey', () => root.deleteUser(new Ram.DeleteUserRequest({ userName })));
  await root.deleteAccessKey(new Ram.DeleteAccessKeyRequest({ userName, userAccessKeyId: key.accessKeyId }));
  await root.deleteUser(new Ram.DeleteUserRequest({ userName }));
  await root.deletePolicy(new Ram.DeletePolicyRequest({ policyName, cascadingDelete: true }));
  await root.deleteRole(new Ram.DeleteRoleRequest({ roleName }));
  print('cleanedUp', {});
}

main().catch((e) => {
  console.error(`FAILED ${e.code || ''} ${e.message}`);
  process.exit(2);
});
