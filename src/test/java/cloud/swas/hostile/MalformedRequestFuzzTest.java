package cloud.swas.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.api.PercentEncoding;
import cloud.swas.auth.SignatureV1;
import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.TestAccount;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

/**
 * Fuzzing with a fixed seed (reproducible): 10,000 generated malformed requests across every
 * operation, each built from a valid signed request and broken in one way (missing or hostile
 * values, broken encoding, duplicates, too many parameters, tampering, bad timestamps, unknown keys,
 * other methods and paths, oversized bodies, broken V3 headers, characters XML cannot carry). Every answer must
 * be a documented 4xx error in the requested format, every XML answer well-formed for the JDK's parser, and the
 * business state must not change.
 */
@QuarkusTest
class MalformedRequestFuzzTest {

    private static final int REQUESTS = 10_000;
    private static final long SEED = 20261128L;
    private static final List<String> HOSTILE = List.of("' OR '1'='1", "'; DROP TABLE custom_image; --",
            "<Error><Code>Fake</Code></Error>", "]]><![CDATA[", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>&e;",
            "&amp;&lt;", "\u00fc\u00f1\u00ee\u00e7\u00f8d\u00e9", "\ud83d\ude00", "%00", "../../etc/passwd", "${jndi:ldap://x}",
            "\u202e\u0645\u0631\u062d\u0628\u0627", "a".repeat(9000), "{\"a\":1}", "null", "-1", "99999999999999999999",
            "\\u0000", " ", "\"quoted\"", "cn-hangzhou ",
            // What XML 1.0 cannot carry, and noncharacters (issue 29): refused wherever they appear.
            "\uffff", "a\ufffeb", "\ufdd0", "\ud83f\udfff", "\udbff\udfff", "\u0085");

    @TestHTTPResource("/")
    URL url;

    @Inject
    Db db;

    /**
     * One malformed request and what the contract says it gets: {@code expected} maps each acceptable error
     * code to its HTTP status (contract section 4, literally); most cases allow exactly one.
     */
    private record Case(String method, String path, String query, String body, Map<String, String> headers,
                        String expectedFormat, String description, Map<String, Integer> expected) {
    }

    private static final Map<String, Integer> INVALID_PARAMETER = Map.of("InvalidParameter", 400);
    private static final Map<String, Integer> MISSING_PARAMETER = Map.of("MissingParameter", 400);
    private static final Map<String, Integer> INCOMPLETE_SIGNATURE = Map.of("IncompleteSignature", 400);
    private static final Map<String, Integer> SIGNATURE_MISMATCH = Map.of("SignatureDoesNotMatch", 400);
    private static final Map<String, Integer> ACTION_NOT_FOUND = Map.of("InvalidAction.NotFound", 404);

    @Test
    void malformedRequestsGetDocumentedErrorsAndChangeNothing() throws Exception {
        String imageId = Api.createImage(TestAccount.C, "cn-hangzhou", "fuzz-target");
        String stateBefore = businessState();
        Random random = new Random(SEED);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            cases.add(generate(random, imageId));
        }

        ExecutorService pool = Executors.newFixedThreadPool(8);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Future<?>> futures = new ArrayList<>();
        for (Case c : cases) {
            futures.add(pool.submit(() -> check(c, failures)));
        }
        for (Future<?> future : futures) {
            future.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(failures).as("requests not answered with a documented error").isEmpty();
        assertThat(businessState()).as("business state after the fuzzing").isEqualTo(stateBefore);
        assertThat(db.single("SELECT in_share FROM custom_image WHERE image_id = ?", imageId)).isEqualTo(false);
    }

    private void check(Case c, ConcurrentLinkedQueue<String> failures) {
        try {
            RawResponse response = send(c);
            String problem = problem(c, response);
            if (problem != null) {
                failures.add(c.description() + " -> " + response.status() + " " + problem + " body="
                        + response.body().substring(0, Math.min(300, response.body().length())));
            }
        } catch (Exception e) {
            failures.add(c.description() + " -> " + e);
        }
    }

    private record RawResponse(int status, Map<String, String> headers, String body, byte[] bytes) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    /**
     * HTTP/1.1 over a plain socket: the JDK's clients refuse to send a malformed request target
     * (broken percent-encoding), and a fuzzer must be able to send exactly those bytes.
     */
    private RawResponse send(Case c) throws Exception {
        byte[] body = c.body() == null ? new byte[0] : c.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append(c.method()).append(' ').append(c.path()).append(c.query().isEmpty() ? "" : "?" + c.query())
                .append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(url.getPort()).append("\r\nConnection: close\r\n");
        c.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (c.body() != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", url.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            byte[] raw = socket.getInputStream().readAllBytes();
            int split = headEnd(raw);
            String[] lines = new String(raw, 0, split, StandardCharsets.ISO_8859_1).split("\r\n");
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            byte[] content = Arrays.copyOfRange(raw, split + 4, raw.length);
            return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), headers,
                    new String(content, StandardCharsets.UTF_8), content);
        }
    }

    /** Where the head of a raw response ends: the index of its blank line's CR LF CR LF. */
    private static int headEnd(byte[] raw) {
        for (int i = 0; i + 3 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("No end of the response head in " + raw.length + " bytes");
    }

    private static String problem(Case c, RawResponse response) throws Exception {
        int status = response.status();
        if (status < 400 || status >= 500) {
            return "status is not 4xx";
        }
        String contentType = response.header("Content-Type");
        JsonNode body;
        if (contentType.equals("application/json;charset=utf-8")) {
            body = new ObjectMapper().readTree(response.body());
        } else if (contentType.equals("application/xml;charset=utf-8")) {
            // Well-formed for the JDK's parser (the classic SDK's), from the bytes as sent; no DOCTYPE at all.
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.bytes()));
            } catch (SAXException e) {
                return "XML the JDK's DocumentBuilder refuses: " + e.getMessage();
            }
            body = new XmlMapper().readTree(response.body());
        } else {
            return "content type " + contentType;
        }
        if (c.expectedFormat() != null && !contentType.contains(c.expectedFormat())) {
            return "format " + contentType + " but asked for " + c.expectedFormat();
        }
        String code = body.path("Code").asText();
        Integer expectedStatus = c.expected().get(code);
        if (expectedStatus == null) {
            return "code " + code + " but expected " + c.expected().keySet();
        }
        if (expectedStatus != status) {
            return "status " + status + " but the contract says " + expectedStatus + " for " + code;
        }
        String requestId = body.path("RequestId").asText();
        if (requestId.isEmpty() || !requestId.equals(response.header("x-acs-request-id"))) {
            return "RequestId missing or differs from the header";
        }
        if (body.path("Message").asText().isEmpty() || response.body().contains("Exception")
                || response.body().contains("at cloud.") || response.body().contains("SQL")) {
            return "message empty or internal detail";
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------

    private Case generate(Random random, String imageId) {
        String format = random.nextBoolean() ? "JSON" : "XML";
        Map<String, String> params = baseRequest(random, imageId, format);
        String action = params.get("Action");
        int mutation = random.nextInt(14);
        String description = "#" + mutation + " " + action;
        Map<String, String> headers = new LinkedHashMap<>();
        String method = "POST";
        String path = "/";
        String extraQuery = "";
        String expected = format.toLowerCase();
        String body = null;
        Map<String, Integer> codes;
        switch (mutation) {
            case 0 -> { // a required parameter missing
                String name = pick(random, requiredOf(action));
                params.remove(name);
                description += " without " + name;
                codes = name.equals("AccessKeyId") ? INCOMPLETE_SIGNATURE : MISSING_PARAMETER;
            }
            case 1 -> { // a hostile value where the operation validates
                String name = pick(random, validatedOf(action));
                String value = invalidValue(random, name);
                params.put(name, value);
                description += " " + name + "=" + value.substring(0, Math.min(40, value.length()));
                codes = expectedForInvalid(name, value);
            }
            case 2 -> { // broken UTF-8 in the query; broken percent-encoding or UTF-8 in a form body
                // A request line with malformed %-escapes never reaches the service: the HTTP parser
                // (Netty) answers 400 itself, like the other HTTP-layer limits (see README).
                if (random.nextBoolean()) {
                    extraQuery = pick(random, List.of("Bad=%C3%28", "Bad=%E2%82", "%FF=1", "Bad=%c0%af", "Bad=%ED%A0%80"));
                    description += " query " + extraQuery;
                    codes = INVALID_PARAMETER;
                } else {
                    params.put("Signature", sign(params, TestAccount.C.secret()));
                    String broken = pick(random, List.of("Bad=%ZZ", "Bad=%", "Bad=%E2%82", "Bad=%C3%28", "%G1=x",
                            "Bad=%c0%af", "Bad=\u00e9"));
                    return new Case("POST", "/", "", encode(params) + "&" + broken, formHeaders(),
                            expected, description + " body " + broken, INVALID_PARAMETER);
                }
            }
            case 3 -> { // a parameter twice; or a name that XML cannot carry, once or twice (echoed in the error)
                if (random.nextInt(3) > 0) {
                    extraQuery = "RegionId=cn-hangzhou";
                    description += " duplicate RegionId";
                } else {
                    String name = pick(random, List.of("%EF%BF%BF", "%EF%BF%BE", "%EF%B7%90", "%F0%9F%BF%BF", "%00",
                            "%1B", "%C2%85", "Region%EF%BF%BFId", "%3CE%3E%EF%BF%BF"));
                    extraQuery = name + "=1" + (random.nextBoolean() ? "&" + name + "=2" : "");
                    description += " name " + extraQuery;
                }
                codes = INVALID_PARAMETER;
            }
            case 4 -> { // too many parameters
                for (int i = 0; i < 300; i++) {
                    params.put("P" + i, "v");
                }
                description += " 300 params";
                codes = INVALID_PARAMETER;
            }
            case 5 -> { // tampered after signing
                params.put("Signature", sign(params, TestAccount.C.secret()));
                params.put("RegionId", "cn-shanghai");
                return new Case("POST", "/", "", encode(params), formHeaders(), expected, description + " tampered",
                        SIGNATURE_MISMATCH);
            }
            case 6 -> { // bad timestamp, missing signature, unknown key, other secret
                int variant = random.nextInt(4);
                if (variant == 0) {
                    String timestamp = pick(random, List.of("yesterday", "2016-02-23T12:46:24Z", "2099-01-01T00:00:00Z",
                            "2024-01-01T00:00:00+08:00", ""));
                    params.put("Timestamp", timestamp);
                    codes = switch (timestamp) {
                        case "" -> MISSING_PARAMETER;
                        case "yesterday", "2024-01-01T00:00:00+08:00" -> Map.of("InvalidTimeStamp.Format", 400);
                        default -> Map.of("InvalidTimeStamp.Expired", 400);
                    };
                    description += " Timestamp=" + timestamp;
                } else if (variant == 1) {
                    params.put("Signature", "");
                    return new Case("POST", "/", "", encode(params), formHeaders(), expected, description + " no sig",
                            INCOMPLETE_SIGNATURE);
                } else if (variant == 2) {
                    params.put("AccessKeyId", "AKNOBODY" + random.nextInt(1000));
                    description += " unknown key";
                    codes = Map.of("InvalidAccessKeyId.NotFound", 404);
                } else {
                    params.put("Signature", sign(params, "guessed-secret"));
                    return new Case("POST", "/", "", encode(params), formHeaders(), expected, description + " guessed",
                            SIGNATURE_MISMATCH);
                }
            }
            case 7 -> { // another method
                method = pick(random, List.of("PUT", "DELETE", "PATCH"));
                params.put("Signature", sign(params, TestAccount.C.secret()));
                return new Case(method, "/", "Format=" + format + "&" + encode(params), null, Map.of(), expected,
                        description + " " + method, ACTION_NOT_FOUND);
            }
            case 8 -> { // another path
                path = pick(random, List.of("/v1", "/%2e%2e/etc/passwd", "/index.html", "/q/../x", "/;x"));
                params.put("Signature", sign(params, TestAccount.C.secret()));
                // "/;x" is "/" with a matrix parameter: it reaches the API, where this query names Format twice.
                return new Case("GET", path, "Format=" + format + "&" + encode(params), null, Map.of(), expected,
                        description + " path " + path, path.equals("/;x") ? INVALID_PARAMETER : ACTION_NOT_FOUND);
            }
            case 9 -> { // a body over the API's limit
                params.put("Signature", sign(params, TestAccount.C.secret()));
                body = encode(params) + "&Padding=" + "x".repeat(70_000);
                return new Case("POST", "/", "Format=" + format, body, formHeaders(), expected, description + " 70KB body",
                        INVALID_PARAMETER);
            }
            case 10 -> { // unknown action or version, signed
                if (random.nextBoolean()) {
                    String unknown = pick(random, List.of("DeleteEverything", "modifyimagesharestatus", "", "<x>"));
                    params.put("Action", unknown);
                    description += " Action=" + unknown;
                    codes = unknown.isEmpty() ? MISSING_PARAMETER : ACTION_NOT_FOUND;
                } else {
                    String version = pick(random, List.of("2014-05-26", "2020-06-02", "latest"));
                    params.put("Version", version);
                    description += " Version=" + version;
                    // 2014-05-26 is ECS's version: these actions are not ECS's.
                    codes = version.equals("2014-05-26") ? ACTION_NOT_FOUND : Map.of("InvalidVersion", 400);
                }
            }
            case 11 -> { // a bad Format (answered in XML)
                params.put("Format", pick(random, List.of("YAML", "jsonp", "<json>", "JSON ", "xml;json")));
                expected = "xml";
                codes = INVALID_PARAMETER;
            }
            case 12 -> { // a broken V3 Authorization header
                headers.put("Authorization", pick(random, List.of("ACS3-HMAC-SHA256 ", "ACS3-HMAC-SHA256 Credential=",
                        "ACS3-HMAC-SHA256 Credential=" + TestAccount.C.accessKeyId() + ",SignedHeaders=host,Signature=00",
                        "ACS3-HMAC-SHA256 Credential=" + TestAccount.C.accessKeyId() + ",SignedHeaders=x-acs-date;host,Signature=zz")));
                headers.put("x-acs-date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
                headers.put("x-acs-signature-nonce", UUID.randomUUID().toString());
                params.remove("Signature");
                return new Case("POST", "/", encode(params), null, headers, expected, description + " broken V3",
                        INCOMPLETE_SIGNATURE);
            }
            default -> { // control characters in a validated value
                String name = pick(random, validatedOf(action));
                params.put(name, "x" + (char) random.nextInt(32) + "y");
                description += " control char in " + name;
                codes = INVALID_PARAMETER;
            }
        }
        params.put("Signature", sign(params, TestAccount.C.secret()));
        String query = encode(params) + (extraQuery.isEmpty() ? "" : "&" + extraQuery);
        return new Case(method, path, query, body, headers, expected, description, codes);
    }

    /**
     * What a hostile value of a validated parameter gets (contract sections 4 and 8): any value over the
     * 8,192-character limit is InvalidParameter; an unknown region is InvalidRegionId.NotFound; an image ID
     * that is printable ASCII without spaces, at most 64 characters, is looked up (and not found), any other is
     * InvalidParameter; a wrong Operation is InvalidParam.OperationIllegal, a wrong ImageName
     * InvalidParam.IllegalImageName; every other value InvalidParameter.
     */
    private static Map<String, Integer> expectedForInvalid(String name, String value) {
        if (value.codePointCount(0, value.length()) > 8192 || refusedCharacters(value)) {
            return INVALID_PARAMETER;
        }
        return switch (name) {
            case "RegionId" -> Map.of("InvalidRegionId.NotFound", 404);
            case "ImageId" -> value.length() <= 64 && value.chars().allMatch(c -> c > 0x20 && c < 0x7f)
                    ? Map.of("InvalidImageId.NotFound", 404) : INVALID_PARAMETER;
            case "Operation" -> Map.of("InvalidParam.OperationIllegal", 400);
            case "ImageName" -> Map.of("InvalidParam.IllegalImageName", 400);
            default -> INVALID_PARAMETER;
        };
    }

    /**
     * Whether a value holds a character no parameter may hold (issue 29): one XML 1.0 cannot carry, a noncharacter
     * (U+FDD0-U+FDEF, the last two of every plane), a control character (C0, DEL, C1).
     */
    private static boolean refusedCharacters(String value) {
        return value.codePoints().anyMatch(cp -> cp < 0x20 || cp >= 0x7f && cp <= 0x9f
                || cp >= 0xd800 && cp <= 0xdfff || cp >= 0xfdd0 && cp <= 0xfdef || (cp & 0xfffe) == 0xfffe);
    }

    private static Map<String, String> baseRequest(Random random, String imageId, String format) {
        Map<String, String> p = new LinkedHashMap<>();
        String action = pick(random, List.of("ModifyImageShareStatus", "CreateCustomImage", "ListCustomImages"));
        p.put("Action", action);
        p.put("Version", "2020-06-01");
        p.put("Format", format);
        p.put("AccessKeyId", TestAccount.C.accessKeyId());
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureVersion", "1.0");
        p.put("SignatureNonce", UUID.randomUUID().toString());
        p.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        p.put("RegionId", "cn-hangzhou");
        switch (action) {
            case "ModifyImageShareStatus" -> {
                p.put("ImageId", imageId);
                p.put("Operation", "Share");
            }
            case "CreateCustomImage" -> {
                p.put("ImageName", "fuzz-created");
                p.put("InstanceId", "i-fuzz");
                p.put("SystemSnapshotId", "s-fuzz");
            }
            default -> p.put("PageSize", "10");
        }
        return p;
    }

    private static List<String> requiredOf(String action) {
        return switch (action) {
            case "ModifyImageShareStatus" -> List.of("RegionId", "ImageId", "Operation", "Action", "Version",
                    "SignatureNonce", "Timestamp", "AccessKeyId");
            case "CreateCustomImage" -> List.of("RegionId", "ImageName", "InstanceId", "SystemSnapshotId");
            default -> List.of("RegionId", "Action", "Version");
        };
    }

    private static List<String> validatedOf(String action) {
        return switch (action) {
            case "ModifyImageShareStatus" -> List.of("RegionId", "ImageId", "Operation", "ClientToken");
            case "CreateCustomImage" -> List.of("RegionId", "ImageName", "InstanceId", "SystemSnapshotId", "ClientToken");
            default -> List.of("RegionId", "ImageIds", "PageSize", "PageNumber", "Share");
        };
    }

    /** A value the operation must refuse for this parameter, hostile where possible. */
    private static String invalidValue(Random random, String name) {
        String hostile = pick(random, HOSTILE);
        return switch (name) {
            case "ImageName" -> "<" + hostile;
            case "InstanceId", "SystemSnapshotId" -> hostile.length() > 64 ? hostile : "id " + hostile;
            case "ClientToken" -> random.nextBoolean() ? "t".repeat(65) : "t\u00e9" + hostile;
            case "ImageIds" -> pick(random, List.of("[", "{}", "[1,", "null", "[]", hostile + "]"));
            case "PageSize" -> pick(random, List.of("0", "101", "-5", "ten", "1e3", hostile));
            case "PageNumber" -> pick(random, List.of("0", "-1", "one", "2147483648", hostile));
            case "Share" -> pick(random, List.of("yes", "1", "TRUE ", hostile));
            case "Operation" -> pick(random, List.of("share", "UNSHARE", "Share ", hostile));
            default -> hostile;
        };
    }

    private static String sign(Map<String, String> params, String secret) {
        Map<String, String> unsigned = new LinkedHashMap<>(params);
        unsigned.remove("Signature");
        return SignatureV1.sign(SignatureV1.stringToSign("POST", unsigned), secret);
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> PercentEncoding.encode(e.getKey()) + "=" + PercentEncoding.encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> formHeaders() {
        return Map.of("Content-Type", "application/x-www-form-urlencoded");
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Every row that an accepted request could create or change, reduced to one hash. */
    private String businessState() {
        return (String) db.single("""
                SELECT md5(coalesce(string_agg(x, '|' ORDER BY x), '')) FROM (
                  SELECT 'img:' || account_id || ':' || image_id || ':' || in_share || ':' || share_version || ':' || name AS x
                    FROM custom_image
                  UNION ALL SELECT 'hist:' || account_id || ':' || image_id || ':' || version FROM image_share_history
                  UNION ALL SELECT 'tok:' || account_id || ':' || client_token FROM idempotency_token
                  UNION ALL SELECT 'key:' || access_key_id || ':' || status FROM access_key
                  UNION ALL SELECT 'acct:' || account_id FROM account) s""");
    }

}
