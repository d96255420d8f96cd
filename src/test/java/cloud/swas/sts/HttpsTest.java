package cloud.swas.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.swas.support.Api;
import cloud.swas.support.Await;
import cloud.swas.support.TestAccount;
import cloud.swas.support.TestCertificates;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * HTTPS beside HTTP on the service's port pair: certificate and key from PEM files, trusted by a client that
 * trusts the test's own CA and nothing else; the certificate is served anew when its files change, without a
 * restart; HTTP keeps working.
 */
@QuarkusTest
@TestProfile(HttpsTest.Tls.class)
class HttpsTest {

    static final TestCertificates CERTIFICATES = TestCertificates.create();

    public static class Tls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return CERTIFICATES.serviceConfig("1s");
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @TestHTTPResource("/")
    URL http;

    private static HttpResponse<String> post(HttpClient client, URL url, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return client.send(HttpRequest.newBuilder(url.toURI()).header("Content-Type",
                        "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> identityCall() {
        return Api.call(TestAccount.A, "GetCallerIdentity").param("Version", "2015-04-01").signedFor("POST");
    }

    @Test
    void signedCallsWorkOverHttpsWithTheCaAndOverHttp() throws Exception {
        assertThat(https.getProtocol()).isEqualTo("https");
        HttpClient trusting = HttpClient.newBuilder().sslContext(CERTIFICATES.clientContext()).build();
        HttpResponse<String> overTls = post(trusting, https, identityCall());
        assertThat(overTls.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(overTls.body());
        assertThat(body.path("AccountId").asText()).isEqualTo(Long.toString(TestAccount.A.accountId()));

        HttpResponse<String> plain = post(HttpClient.newHttpClient(), http, identityCall());
        assertThat(plain.statusCode()).isEqualTo(200);
    }

    /** {@code acs:SecureTransport} is true over this port: a policy that requires it allows HTTPS, denies HTTP. */
    @Test
    void aPolicyRequiringSecureTransportAllowsHttpsAndDeniesHttp() throws Exception {
        String userName = "tls-only-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        TestAccount user = cloud.swas.support.Ram.user(TestAccount.A, userName);
        cloud.swas.support.Ram.grant(TestAccount.A, userName, userName + "-policy", "{\"Version\":\"1\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"swas-open:ListCustomImages\",\"Resource\":\"*\","
                + "\"Condition\":{\"Bool\":{\"acs:SecureTransport\":\"true\"}}}]}");
        HttpClient trusting = HttpClient.newBuilder().sslContext(CERTIFICATES.clientContext()).build();
        assertThat(post(trusting, https, Api.call(user, "ListCustomImages").param("RegionId", "cn-hangzhou")
                .signedFor("POST")).statusCode()).isEqualTo(200);
        HttpResponse<String> plain = post(HttpClient.newHttpClient(), http, Api.call(user, "ListCustomImages")
                .param("RegionId", "cn-hangzhou").signedFor("POST"));
        assertThat(plain.statusCode()).isEqualTo(403);
        assertThat(new ObjectMapper().readTree(plain.body()).path("Code").asText()).isEqualTo("Forbidden.RAM");
    }

    @Test
    void aClientThatDoesNotTrustTheCaIsRefusedTheHandshake() {
        // The JDK's default trust store: the test CA is not in it.
        assertThatThrownBy(() -> post(HttpClient.newHttpClient(), https, identityCall()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aRenewedCertificateIsServedWithoutARestart() throws Exception {
        X509Certificate before = (X509Certificate) CERTIFICATES.served("localhost", https.getPort())[0];
        X509Certificate renewed = CERTIFICATES.issueServerCertificate();
        assertThat(renewed.getSerialNumber()).isNotEqualTo(before.getSerialNumber());

        // A connection accepted while Vert.x swaps the SSL context can be closed during its handshake (Vert.x 4.5:
        // "Failed to initialize a channel", the update's future not yet complete); the client retries it. Every
        // failure is recorded and must be that one.
        java.util.List<String> failures = new java.util.ArrayList<>();
        Await.until("the renewed certificate is served", () -> {
            try {
                return ((X509Certificate) CERTIFICATES.served("localhost", https.getPort())[0]).getSerialNumber()
                        .equals(renewed.getSerialNumber());
            } catch (RuntimeException e) {
                failures.add(e.toString());
                return false;
            }
        }, Duration.ofSeconds(30));
        assertThat(failures).allMatch(f -> f.contains("SSLHandshakeException")).hasSizeLessThanOrEqualTo(3);
        HttpClient trusting = HttpClient.newBuilder().sslContext(CERTIFICATES.clientContext()).build();
        assertThat(post(trusting, https, identityCall()).statusCode()).isEqualTo(200);
    }
}
