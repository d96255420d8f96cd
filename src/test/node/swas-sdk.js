// Every image action of @alicloud/swas-open20200601 4.0.0 (signature V3 by default) against the service.
// Prints one JSON line per step; exits non-zero on an unexpected failure.
// Usage: node swas-sdk.js <port> <keyIdA> <secretA> <accountB> <keyIdB> <secretB>
'use strict';
const Swas = require('@alicloud/swas-open20200601');
const Core = require('@alicloud/openapi-core');

const [port, keyA, secretA, accountB, keyB, secretB] = process.argv.slice(2);
const REGION = 'cn-hangzhou';
const client = (accessKeyId, accessKeySecret) => new Swas.default(new Core.$OpenApiUtil.Config({
  accessKeyId, accessKeySecret, endpoint: `127.0.0.1:${port}`, protocol: 'http', regionId: REGION,
}));
const print = (step, data) => console.log(JSON.stringify({ step, ...data }));
const failure = async (step, call) => {
  try {
    await call();
    print(step, { error: 'expected an error' });
    process.exit(3);
  } catch (e) {
    print(step, { code: e.code, statusCode: e.statusCode });
  }
};

async function main() {
  const a = client(keyA, secretA);
  const b = client(keyB, secretB);
  const name = `node-v3-${Date.now()}`;

  const created = await a.createCustomImage(new Swas.CreateCustomImageRequest({
    regionId: REGION, imageName: name, instanceId: 'i-node', systemSnapshotId: 's-node',
    tag: [new Swas.CreateCustomImageRequestTag({ key: 'sdk', value: 'node' })],
  }));
  const imageId = created.body.imageId;
  print('create', { imageId, requestId: created.body.requestId });

  const listed = await a.listCustomImages(new Swas.ListCustomImagesRequest({
    regionId: REGION, imageIds: JSON.stringify([imageId]),
  }));
  print('list', { totalCount: listed.body.totalCount, image: listed.body.customImages[0] });

  await a.modifyImageShareStatus(new Swas.ModifyImageShareStatusRequest({ regionId: REGION, imageId, operation: 'Share' }));
  await a.addCustomImageShareAccount(new Swas.AddCustomImageShareAccountRequest({
    regionId: REGION, imageId, account: [Number(accountB)],
  }));
  const accounts = await a.listCustomImageShareAccounts(new Swas.ListCustomImageShareAccountsRequest({ regionId: REGION, imageId }));
  print('accounts', { totalCount: accounts.body.totalCount, users: accounts.body.imageShareUsers });

  const seenByB = await b.listCustomImages(new Swas.ListCustomImagesRequest({ regionId: REGION, imageIds: JSON.stringify([imageId]) }));
  print('seenByB', { totalCount: seenByB.body.totalCount, image: seenByB.body.customImages[0] });
  await failure('deleteByB', () => b.deleteCustomImage(new Swas.DeleteCustomImageRequest({ regionId: REGION, imageId })));
  await failure('deleteShared', () => a.deleteCustomImage(new Swas.DeleteCustomImageRequest({ regionId: REGION, imageId })));

  await a.removeCustomImageShareAccount(new Swas.RemoveCustomImageShareAccountRequest({
    regionId: REGION, imageId, account: [Number(accountB)],
  }));
  await a.modifyImageShareStatus(new Swas.ModifyImageShareStatusRequest({ regionId: REGION, imageId, operation: 'UnShare' }));
  const goneForB = await b.listCustomImages(new Swas.ListCustomImagesRequest({ regionId: REGION, imageIds: JSON.stringify([imageId]) }));
  print('goneForB', { totalCount: goneForB.body.totalCount });

  const images = await a.listImages(new Swas.ListImagesRequest({ regionId: REGION, imageType: 'custom' }));
  print('listImages', { ids: images.body.images.map((i) => i.imageId), platforms: images.body.images.map((i) => i.platform) });
  const regions = await a.listRegions(new Swas.ListRegionsRequest({ acceptLanguage: 'en-US' }));
  print('regions', { hangzhou: regions.body.regions.find((r) => r.regionId === REGION) });

  const second = (await a.createCustomImage(new Swas.CreateCustomImageRequest({
    regionId: REGION, imageName: `${name}-2`, instanceId: 'i-node', systemSnapshotId: 's-node',
  }))).body.imageId;
  await a.deleteCustomImages(new Swas.DeleteCustomImagesRequest({ regionId: REGION, imageIds: JSON.stringify([imageId, second]) }));
  const after = await a.listCustomImages(new Swas.ListCustomImagesRequest({ regionId: REGION, imageIds: JSON.stringify([imageId, second]) }));
  print('deleted', { totalCount: after.body.totalCount });
  await a.deleteCustomImage(new Swas.DeleteCustomImageRequest({ regionId: REGION, imageId: 'm-nodemissing00000' }))
    .catch((e) => print('missing', { code: e.code, statusCode: e.statusCode }));
}

main().catch((e) => {
  console.error(`FAILED ${e.code || ''} ${e.message}`);
  process.exit(2);
});
