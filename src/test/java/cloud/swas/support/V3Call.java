package cloud.swas.support;

import static io.restassured.RestAssured.given;

import cloud.swas.api.PercentEncoding;
import cloud.swas.auth.SignatureV3;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A V3-signed (ACS3-HMAC-SHA256) RPC call built the way the V3 SDKs build one: Action and Version in
 * signed headers, parameters in the query, a hashed body. Tests change one part after signing.
 */
public final class V3Call {

    private final TestAccount account;
    public final Map<String, String> query = new TreeMap<>();
    public final Map<String, String> headers = new LinkedHashMap<>();
    public String body = "";
    public String signedHeaderNames;

    private V3Call(TestAccount account, String action) {
        this.account = account;
        headers.put("host", "localhost:" + RestAssured.port);
        headers.put("x-acs-action", action);
        headers.put("x-acs-version", "2020-06-01");
        headers.put("x-acs-date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        headers.put("x-acs-signature-nonce", UUID.randomUUID().toString().replace("-", ""));
    }

    public static V3Call call(TestAccount account, String action) {
        return new V3Call(account, action);
    }

    /** Stamps the request with {@code x-acs-date} = {@code at} (before signing). */
    public V3Call date(Instant at) {
        headers.put("x-acs-date", at.truncatedTo(ChronoUnit.SECONDS).toString());
        return this;
    }

    public V3Call param(String name, String value) {
        query.put(name, value);
        return this;
    }

    /** Signs every header in {@link #headers} (or only {@code names}, semicolon-separated) and the body. */
    public String authorization(String names) {
        headers.put("x-acs-content-sha256", SignatureV3.sha256Hex(body.getBytes(StandardCharsets.UTF_8)));
        Map<String, String> signed = new LinkedHashMap<>();
        for (String name : names.split(";")) {
            signed.put(name, headers.get(name));
        }
        signedHeaderNames = String.join(";", new TreeMap<>(signed).keySet());
        String canonical = SignatureV3.canonicalRequest("POST", "/", query, signed,
                SignatureV3.sha256Hex(body.getBytes(StandardCharsets.UTF_8)));
        return SignatureV3.ALGORITHM + " Credential=" + account.accessKeyId() + ",SignedHeaders=" + signedHeaderNames
                + ",Signature=" + SignatureV3.sign(SignatureV3.stringToSign(canonical), account.secret());
    }

    /**
     * Signs every header, as the SDKs do: {@code host}, every {@code x-acs-*} and, with a body, the
     * {@code content-type} they send with it (form parameters).
     */
    public String authorization() {
        headers.put("x-acs-content-sha256", "");
        if (!body.isEmpty()) {
            headers.putIfAbsent("content-type", "application/x-www-form-urlencoded");
        }
        return authorization(String.join(";", headers.keySet()));
    }

    /** Sends the request with the given Authorization; the headers and body as they are now. */
    public Response post(String authorization) {
        // The Content-Type goes out exactly as given (it may be signed): no charset appended.
        RequestSpecification spec = given().urlEncodingEnabled(false)
                .config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .header("Authorization", authorization).header("Accept", "application/json");
        headers.forEach((name, value) -> {
            if (!name.equals("content-type")) {
                spec.header(name, value);
            }
        });
        String rawQuery = query.entrySet().stream()
                .map(e -> PercentEncoding.encode(e.getKey()) + "=" + PercentEncoding.encode(e.getValue()))
                .collect(Collectors.joining("&"));
        if (!body.isEmpty()) {
            spec.contentType(headers.getOrDefault("content-type", "application/x-www-form-urlencoded")).body(body);
        }
        return spec.post(rawQuery.isEmpty() ? "/" : "/?" + rawQuery);
    }
}
