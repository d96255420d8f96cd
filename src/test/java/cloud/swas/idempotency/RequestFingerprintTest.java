package cloud.swas.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.api.ApiParameters;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What makes two calls "the same" for a ClientToken (contract section 7): Action, Version, RegionId and every API
 * parameter, not the common signing parameters. A plain unit test (no service): the mutation profile runs it.
 */
class RequestFingerprintTest {

    private static Map<String, String> share() {
        Map<String, String> values = new HashMap<>();
        values.put("Action", "ModifyImageShareStatus");
        values.put("Version", "2020-06-01");
        values.put("RegionId", "cn-hangzhou");
        values.put("ImageId", "m-fingerprint");
        values.put("Operation", "Share");
        values.put("ClientToken", "tok-1");
        values.put("Format", "JSON");
        values.put("AccessKeyId", "AK1");
        values.put("SignatureMethod", "HMAC-SHA1");
        values.put("SignatureVersion", "1.0");
        values.put("SignatureNonce", "n-1");
        values.put("Timestamp", "2024-01-01T00:00:00Z");
        values.put("Signature", "sig-1");
        return values;
    }

    private static String of(Map<String, String> values) {
        return RequestFingerprint.of(new ApiParameters(values, Set.of()));
    }

    private static String with(String name, String value) {
        Map<String, String> values = share();
        values.put(name, value);
        return of(values);
    }

    @Test
    void isAHexSha256AndStable() {
        assertThat(of(share())).matches("[0-9a-f]{64}").isEqualTo(of(share()));
    }

    @Test
    void theSigningParametersOfARetryDoNotCount() {
        Map<String, String> retry = share();
        retry.put("SignatureNonce", "n-2");
        retry.put("Timestamp", "2024-01-01T00:00:05Z");
        retry.put("Signature", "sig-2");
        retry.put("Format", "XML");
        retry.put("AccessKeyId", "AK2");
        assertThat(of(retry)).isEqualTo(of(share()));
    }

    @Test
    void actionVersionRegionAndEveryApiParameterCount() {
        String first = of(share());
        assertThat(with("Action", "DeleteCustomImage")).isNotEqualTo(first);
        assertThat(with("Version", "2014-05-26")).isNotEqualTo(first);
        assertThat(with("RegionId", "cn-shanghai")).isNotEqualTo(first);
        assertThat(with("ImageId", "m-other")).isNotEqualTo(first);
        assertThat(with("Operation", "UnShare")).isNotEqualTo(first);
        assertThat(with("Description", "")).as("a parameter more, even empty").isNotEqualTo(first);
        Map<String, String> without = share();
        without.remove("Operation");
        assertThat(of(without)).isNotEqualTo(first);
    }

    /** Names and values cannot run into each other: {@code a=b&c} is not {@code a=b%26c}. */
    @Test
    void pairsAreUnambiguous() {
        Map<String, String> one = share();
        one.put("Tag.1.Key", "a&Tag.1.Value=b");
        Map<String, String> two = share();
        two.put("Tag.1.Key", "a");
        two.put("Tag.1.Value", "b");
        assertThat(of(one)).isNotEqualTo(of(two));
    }
}
