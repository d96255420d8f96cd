package cloud.swas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The official V3 vector of contract section 2. */
class SignatureV3Test {

    @Test
    void officialRunInstancesVector() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("RegionId", "cn-shanghai");
        query.put("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd");
        String emptyBody = SignatureV3.sha256Hex(new byte[0]);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-acs-version", "2014-05-26");
        headers.put("host", "ecs.cn-shanghai.aliyuncs.com");
        headers.put("x-acs-action", "RunInstances");
        headers.put("x-acs-date", "2023-10-26T10:22:32Z");
        headers.put("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d");
        headers.put("x-acs-content-sha256", emptyBody);

        String canonical = SignatureV3.canonicalRequest("POST", "/", query, headers, emptyBody);
        String stringToSign = SignatureV3.stringToSign(canonical);

        assertThat(canonical).startsWith("POST\n/\nImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"
                + "&RegionId=cn-shanghai\nhost:ecs.cn-shanghai.aliyuncs.com\n");
        assertThat(canonical).contains("\n\nhost;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;"
                + "x-acs-version\n");
        assertThat(stringToSign).isEqualTo(
                "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
        assertThat(SignatureV3.sign(stringToSign, "YourAccessKeySecret"))
                .isEqualTo("06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
    }
}
