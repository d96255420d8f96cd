// A RAM user's denied call through @alicloud/swas-open20200601 4.0.0 (signature V3): what the thrown error exposes.
// Prints one JSON line per step; exits non-zero when a call that should be denied succeeds.
// Usage: node denied.js <port> <userKeyId> <userSecret> <imageId>
'use strict';
const Swas = require('@alicloud/swas-open20200601');
const Core = require('@alicloud/openapi-core');

const [port, keyId, secret, imageId] = process.argv.slice(2);
const REGION = 'cn-hangzhou';
const client = new Swas.default(new Core.$OpenApiUtil.Config({
  accessKeyId: keyId, accessKeySecret: secret, endpoint: `127.0.0.1:${port}`, protocol: 'http', regionId: REGION,
}));
const print = (step, data) => console.log(JSON.stringify({ step, ...data }));

async function denied(step, call) {
  try {
    await call();
  } catch (e) {
    print(step, {
      name: e.name, code: e.code, statusCode: e.statusCode, requestId: e.requestId,
      accessDeniedDetail: e.accessDeniedDetail, dataDetail: e.data && e.data.AccessDeniedDetail,
    });
    return;
  }
  print(step, { error: 'expected a denial' });
  process.exit(3);
}

async function main() {
  await denied('delete', () => client.deleteCustomImage(new Swas.DeleteCustomImageRequest({ regionId: REGION, imageId })));
  await denied('list', () => client.listCustomImages(new Swas.ListCustomImagesRequest({ regionId: REGION })));
}

main().catch((e) => {
  console.error(`FAILED ${e.code || ''} ${e.message}`);
  process.exit(2);
});
