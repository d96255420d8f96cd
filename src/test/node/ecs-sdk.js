// ECS DescribeImages through @alicloud/ecs20140526 (signature V3 by default) and the share change through
// @alicloud/swas-open20200601: the image appears in ECS while shared, and disappears on UnShare.
// Prints one JSON line per step; exits non-zero on an unexpected failure.
// Usage: node ecs-sdk.js <port> <keyId> <secret> <imageId>
'use strict';
const Ecs = require('@alicloud/ecs20140526');
const Swas = require('@alicloud/swas-open20200601');
const Core = require('@alicloud/openapi-core');

const [port, accessKeyId, accessKeySecret, imageId] = process.argv.slice(2);
const REGION = 'cn-hangzhou';
const config = () => new Core.$OpenApiUtil.Config({
  accessKeyId, accessKeySecret, endpoint: `127.0.0.1:${port}`, protocol: 'http', regionId: REGION,
});
const print = (step, data) => console.log(JSON.stringify({ step, ...data }));

async function main() {
  const ecs = new Ecs.default(config());
  const swas = new Swas.default(config());
  const describe = async () => (await ecs.describeImages(new Ecs.DescribeImagesRequest({ regionId: REGION, imageId }))).body;

  print('before', { totalCount: (await describe()).totalCount });
  await swas.modifyImageShareStatus(new Swas.ModifyImageShareStatusRequest({ regionId: REGION, imageId, operation: 'Share' }));
  const shared = await describe();
  print('shared', { totalCount: shared.totalCount, image: shared.images.image[0] });
  await swas.modifyImageShareStatus(new Swas.ModifyImageShareStatusRequest({ regionId: REGION, imageId, operation: 'UnShare' }));
  print('after', { totalCount: (await describe()).totalCount });
  const system = (await ecs.describeImages(new Ecs.DescribeImagesRequest({ regionId: REGION, imageOwnerAlias: 'system', pageSize: 100 }))).body;
  print('system', { totalCount: system.totalCount, names: system.images.image.map((i) => i.imageName) });
  try {
    await ecs.describeImages(new Ecs.DescribeImagesRequest({ regionId: REGION, imageOwnerAlias: 'everyone' }));
    print('badAlias', { error: 'expected an error' });
    process.exit(3);
  } catch (e) {
    print('badAlias', { code: e.code, statusCode: e.statusCode });
  }
}

main().catch((e) => {
  console.error(`FAILED ${e.code || ''} ${e.message}`);
  process.exit(2);
});
