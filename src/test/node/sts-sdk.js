// STS with the official Node clients: @alicloud/sts20150401 1.2.0 (AssumeRole, GetCallerIdentity), its credentials
// used by @alicloud/swas-open20200601 4.0.0 (signature V3 with x-acs-security-token), and @alicloud/credentials
// 2.4.7 of type ram_role_arn, which calls AssumeRole over HTTPS itself (it trusts the test's CA through
// NODE_EXTRA_CA_CERTS) and refreshes the session by itself. Prints one JSON line per step.
// Usage: node sts-sdk.js <httpPort> <httpsPort> <userKeyId> <userSecret> <roleArn> <imageId> <expiredKeyId>
//        <expiredSecret> <expiredToken>
'use strict';
const Sts = require('@alicloud/sts20150401');
const Swas = require('@alicloud/swas-open20200601');
const Core = require('@alicloud/openapi-core');
const Credential = require('@alicloud/credentials');

const [httpPort, httpsPort, keyId, secret, roleArn, imageId, expiredKeyId, expiredSecret, expiredToken] =
  process.argv.slice(2);
const REGION = 'cn-hangzhou';
const print = (step, data) => console.log(JSON.stringify({ step, ...data }));
const config = (extra) => new Core.$OpenApiUtil.Config({
  endpoint: `127.0.0.1:${httpPort}`, protocol: 'http', regionId: REGION, ...extra,
});
const error = async (step, call) => {
  try {
    await call();
    print(step, { error: 'expected an error' });
    process.exit(3);
  } catch (e) {
    print(step, { code: e.code, statusCode: e.statusCode, detail: e.accessDeniedDetail || null });
  }
};

async function main() {
  // 1. AssumeRole with a RAM user's key, over HTTPS (the SDK's own protocol for STS).
  const sts = new Sts.default(config({ accessKeyId: keyId, accessKeySecret: secret,
    endpoint: `localhost:${httpsPort}`, protocol: 'https' }));
  const assumed = await sts.assumeRole(new Sts.AssumeRoleRequest({
    roleArn, roleSessionName: 'node-sdk', durationSeconds: 900,
  }));
  const c = assumed.body.credentials;
  print('assumeRole', { accessKeyId: c.accessKeyId, expiration: c.expiration,
    arn: assumed.body.assumedRoleUser.arn, assumedRoleId: assumed.body.assumedRoleUser.assumedRoleId });

  const session = { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken };
  const identity = await new Sts.default(config(session)).getCallerIdentity();
  print('identity', identity.body);

  // 2. The session's credentials with the SWAS SDK (V3): the role may list and share, not delete.
  const swas = new Swas.default(config(session));
  const listed = await swas.listCustomImages(new Swas.ListCustomImagesRequest({
    regionId: REGION, imageIds: JSON.stringify([imageId]) }));
  print('list', { totalCount: listed.body.totalCount });
  const shared = await swas.modifyImageShareStatus(new Swas.ModifyImageShareStatusRequest({
    regionId: REGION, imageId, operation: 'Share' }));
  print('share', { requestId: shared.body.requestId });
  await error('deleteDenied', () => swas.deleteCustomImage(new Swas.DeleteCustomImageRequest({
    regionId: REGION, imageId })));

  // 3. Expired and mismatched credentials.
  await error('expired', () => new Swas.default(config({ accessKeyId: expiredKeyId,
    accessKeySecret: expiredSecret, securityToken: expiredToken })).listCustomImages(
    new Swas.ListCustomImagesRequest({ regionId: REGION })));
  await error('mismatch', () => new Swas.default(config({ ...session, securityToken: expiredToken }))
    .listCustomImages(new Swas.ListCustomImagesRequest({ regionId: REGION })));

  // 4. @alicloud/credentials, ram_role_arn: its own AssumeRole over HTTPS. With DurationSeconds 900 a session is
  // stale at once (the library refreshes 15 minutes before Expiration), so every call gets a new session: calls
  // keep working across session changes, each with a token the service accepts.
  const credential = new Credential.default(new Credential.Config({
    type: 'ram_role_arn', accessKeyId: keyId, accessKeySecret: secret, roleArn,
    roleSessionName: 'node-credentials', roleSessionExpiration: 900, stsEndpoint: `localhost:${httpsPort}`,
  }));
  const viaLibrary = new Swas.default(config({ credential }));
  const keys = [];
  for (let i = 0; i < 3; i++) {
    const listedAgain = await viaLibrary.listCustomImages(new Swas.ListCustomImagesRequest({
      regionId: REGION, imageIds: JSON.stringify([imageId]) }));
    const model = await credential.getCredential();
    keys.push(model.accessKeyId);
    print('credentialsCall', { i, totalCount: listedAgain.body.totalCount, accessKeyId: model.accessKeyId,
      type: model.type });
  }
  print('credentialsKeys', { distinct: new Set(keys).size });
}

main().catch((e) => {
  print('unexpected', { message: e.message, code: e.code, data: e.data });
  process.exit(2);
});
