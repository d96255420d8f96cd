package cloud.swas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.api.PercentEncoding;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two V1 vectors of contract section 2. */
class SignatureV1Test {

    @Test
    void officialDescribeRegionsVector() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccessKeyId", "testid");
        params.put("Action", "DescribeRegions");
        params.put("Format", "XML");
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
        params.put("SignatureVersion", "1.0");
        params.put("Timestamp", "2016-02-23T12:46:24Z");
        params.put("Version", "2014-05-26");

        String stringToSign = SignatureV1.stringToSign("GET", params);

        assertThat(stringToSign).isEqualTo("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"
                + "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
                + "%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26");
        assertThat(SignatureV1.sign(stringToSign, "testsecret")).isEqualTo("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    }

    @Test
    void derivedModifyImageShareStatusVectorWithReservedCharacters() {
        Map<String, String> params = new LinkedHashMap<>();
        // Deliberately unsorted: the canonical form sorts.
        params.put("Version", "2020-06-01");
        params.put("Timestamp", "2024-01-01T00:00:00Z");
        params.put("SignatureVersion", "1.0");
        params.put("SignatureNonce", "nonce-0001");
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("RegionId", "cn-hangzhou");
        params.put("Operation", "Share");
        params.put("ImageId", "m-test0001");
        params.put("Format", "json");
        params.put("ClientToken", "tok 1*~");
        params.put("Action", "ModifyImageShareStatus");
        params.put("AccessKeyId", "testid");
        params.put("Signature", "ignored: never part of what is signed");

        String stringToSign = SignatureV1.stringToSign("POST", params);

        assertThat(stringToSign).startsWith("POST&%2F&AccessKeyId%3Dtestid%26Action%3DModifyImageShareStatus"
                + "%26ClientToken%3Dtok%25201%252A~%26");
        assertThat(SignatureV1.sign(stringToSign, "testsecret")).isEqualTo("lv63eBPrxN2un7qO01EYipI2ePc=");
    }

    @Test
    void percentEncodingFollowsRfc3986() {
        assertThat(PercentEncoding.encode("a b*c~d+e/é")).isEqualTo("a%20b%2Ac~d%2Be%2F%C3%A9");
        assertThat(PercentEncoding.encode("AZaz09-_.~")).isEqualTo("AZaz09-_.~");
    }
}
