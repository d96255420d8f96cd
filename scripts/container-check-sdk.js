// Calls the service in a container with the official Node SDKs (@alicloud/swas-open20200601 and
// @alicloud/ecs20140526, signature V3), for scripts/container-check.sh. Their packages are the test suite's
// (src/test/node/node_modules, found through NODE_PATH). Prints one JSON line per step; exits non-zero on any
// answer other than the one expected.
//
//   node container-check-sdk.js tour  HOST:PORT KEY_ID SECRET ACCOUNT_B KEY_ID_B SECRET_B
//       the image lifecycle of one account, shared to ECS and with account B, as the SDKs see it
//   node container-check-sdk.js call  HOST:PORT KEY_ID SECRET EXPECTED
//       one ListCustomImages; EXPECTED is "Success" or the error code that must come back
'use strict';
const Swas = require('@alicloud/swas-open20200601');
const Ecs = require('@alicloud/ecs20140526');
const Core = require('@alicloud/openapi-core');

const REGION = 'cn-hangzhou';
const [mode, endpoint, keyId, secret, ...rest] = process.argv.slice(2);
const config = (accessKeyId, accessKeySecret) => new Core.$OpenApiUtil.Config({
  accessKeyId, accessKeySecret, endpoint, protocol: 'http', regionId: REGION, connectTimeout: 20000, readTimeout: 30000,
});
const swas = (id, key) => new Swas.default(config(id, key));
const print = (step, data) => console.log(JSON.stringify({ step, ...data }));
const expect = (step, actual, expected) => {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${step}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
};

async function tour() {
  const [accountB, keyB, secretB] = rest;
  const a = swas(keyId, secret);
  const b = swas(keyB, secretB);
  const ecs = new Ecs.default(config(keyId, secret));
  const inEcs = async (imageId) => Number((await ecs.describeImages(new Ecs.DescribeImagesRequest({
    regionId: REGION, imageId }))).body.totalCount);

  const imageId = (await a.createCustomImage(new Swas.CreateCustomImageRequest({
    regionId: REGION, imageName: `container-check-${Date.now()}`, instanceId: 'i-check', systemSnapshotId: 's-check',
  }))).body.imageId;
  print('create', { imageId });
  expect('ecs before Share', await inEcs(imageId), 0);

  await a.modifyImageShareStatus(new Swas.ModifyImageShareStatusRequest({ regionId: REGION, imageId, operation: 'Share' }));
  const listed = (await a.listCustomImages(new Swas.ListCustomImagesRequest({
    regionId: REGION, imageIds: JSON.stringify([imageId]) }))).body;
  expect('list after Share', [Number(listed.totalCount), listed.customImages[0].inShare], [1, true]);
  expect('ecs after Share', await inEcs(imageId), 1);
  print('share', { inShare: true, inEcs: 1 });

  await a.addCustomImageShareAccount(new Swas.AddCustomImageShareAccountRequest({
    regionId: REGION, imageId, account: [Number(accountB)] }));
  const seen = (await b.listCustomImages(new Swas.ListCustomImagesRequest({
    regionId: REGION, imageIds: JSON.stringify([imageId]) }))).body;
  expect('seen by B', [Number(seen.totalCount), seen.customImages[0].imageId], [1, imageId]);
  print('shareAccount', { seenByB: true });

  try {
    await a.deleteCustomImage(new Swas.DeleteCustomImageRequest({ regionId: REGION, imageId }));
    throw new Error('delete while shared: expected CustomImageInShare');
  } catch (e) {
    expect('delete while shared', e.code, 'CustomImageInShare');
  }
  await a.removeCustomImageShareAccount(new Swas.RemoveCustomImageShareAccountRequest({
    regionId: REGION, imageId, account: [Number(accountB)] }));
  await a.modifyImageShareStatus(new Swas.ModifyImageShareStatusRequest({ regionId: REGION, imageId, operation: 'UnShare' }));
  expect('ecs after UnShare', await inEcs(imageId), 0);
  await a.deleteCustomImage(new Swas.DeleteCustomImageRequest({ regionId: REGION, imageId }));
  const gone = (await a.listCustomImages(new Swas.ListCustomImagesRequest({
    regionId: REGION, imageIds: JSON.stringify([imageId]) }))).body;
  expect('list after delete', Number(gone.totalCount), 0);
  print('unshareAndDelete', { inEcs: 0, listed: 0 });
}

async function call() {
  const [expected] = rest;
  let code = 'Success';
  try {
    await swas(keyId, secret).listCustomImages(new Swas.ListCustomImagesRequest({ regionId: REGION }));
  } catch (e) {
    if (!e.code) {
      throw e;
    }
    code = e.code;
  }
  print('call', { keyId, code });
  expect(`ListCustomImages with ${keyId}`, code, expected);
}

(mode === 'tour' ? tour() : call()).catch((e) => {
  console.error(`FAILED ${e.code || ''} ${e.message}`);
  process.exit(2);
});
