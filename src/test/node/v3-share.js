// Shares and unshares an image through @alicloud/openapi-client's callApi, which signs with V3
// (ACS3-HMAC-SHA256) by default. Prints one JSON line per call; exits non-zero on any error.
// Usage: node v3-share.js <port> <accessKeyId> <secret> <imageId>
'use strict';
const OpenApi = require('@alicloud/openapi-client');
const Util = require('@alicloud/tea-util');

async function main() {
  const [port, accessKeyId, accessKeySecret, imageId] = process.argv.slice(2);
  const client = new OpenApi.default(new OpenApi.Config({
    accessKeyId, accessKeySecret, endpoint: `127.0.0.1:${port}`, protocol: 'http',
  }));
  const call = async (action, query) => {
    const params = new OpenApi.Params({
      action, version: '2020-06-01', protocol: 'HTTP', pathname: '/', method: 'POST',
      authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json',
    });
    const response = await client.callApi(params, new OpenApi.OpenApiRequest({ query }), new Util.RuntimeOptions({}));
    return { action, operation: query.Operation, status: response.statusCode, body: response.body };
  };
  for (const operation of ['Share', 'UnShare']) {
    const result = await call('ModifyImageShareStatus', { RegionId: 'cn-hangzhou', ImageId: imageId, Operation: operation });
    console.log(JSON.stringify(result));
  }
  try {
    await call('ModifyImageShareStatus', { RegionId: 'cn-hangzhou', ImageId: 'm-v3missing0000000', Operation: 'Share' });
    console.log(JSON.stringify({ error: 'expected InvalidImageId.NotFound' }));
    process.exit(3);
  } catch (e) {
    console.log(JSON.stringify({ errorCode: e.code, statusCode: e.statusCode }));
  }
}

main().catch((e) => {
  console.error(`FAILED ${e.code || ''} ${e.message}`);
  process.exit(2);
});
