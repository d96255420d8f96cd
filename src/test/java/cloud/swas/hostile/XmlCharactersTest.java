package cloud.swas.hostile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.swas.auth.AccessKeyStore;
import cloud.swas.support.Api;
import cloud.swas.support.Db;
import cloud.swas.support.ErrorAssertions;
import cloud.swas.support.TestAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every XML document the service writes is well-formed, whatever callers send (issue 29, 2 and 3): a parameter
 * name or value holding a character that XML 1.0 cannot carry, or a noncharacter, or a control character, is
 * {@code InvalidParameter}, also inside a JSON-array parameter after JSON decoding; an error that echoes a name
 * stays well-formed; and an image shared by one account keeps both accounts' XML listings readable with the JDK's
 * {@code DocumentBuilder} (the classic SDK's parser), even when the stored text holds what the rules now refuse.
 */
@QuarkusTest
class XmlCharactersTest {

    private static final String REGION = "cn-hangzhou";

    /** Characters no parameter may hold: XML cannot carry them, or they are noncharacters or control characters. */
    private static final List<String> REFUSED = List.of("\uffff", "\ufffe", "\ufdd0", "\ufdef", "\ud83f\udffe",
            "\ud83f\udfff", "\udbff\udfff", "\u0000", "\u0001", "\u001f", "\u007f", "\u0085", "\t", "\n");

    @Inject
    AccessKeyStore keys;

    @Inject
    Db db;

    private TestAccount provisioned(String label) {
        TestAccount account = TestAccount.fresh(label);
        keys.upsert(account.accountId(), account.accessKeyId(), account.secret());
        return account;
    }

    /** Parses an XML response as the classic SDK would, with the JDK's parser; a DOCTYPE is refused outright. */
    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static String text(Document document, String xpath) throws Exception {
        return (String) XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.STRING);
    }

    private static String codePoints(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(cp -> out.append(String.format("U+%04X ", cp)));
        return out.toString().trim();
    }

    @Test
    void aDuplicateNameThatXmlCannotCarryIsRefusedInAWellFormedError() throws Exception {
        // The review's reproduction: U+FFFF as a name, twice. No Format: the answer is XML.
        Response response = given().urlEncodingEnabled(false).get("/?%EF%BF%BF=1&%EF%BF%BF=2");
        assertThat(response.statusCode()).isEqualTo(400);
        Document error = parse(response.asByteArray());
        assertThat(text(error, "/Error/Code")).isEqualTo("InvalidParameter");
        assertThat(text(error, "/Error/Message")).isEqualTo("The specified parameter \"?\" is not valid.");
    }

    @Test
    void aNameHoldingARefusedCharacterIsInvalidParameterAndIsNotEchoed() throws Exception {
        for (String refused : REFUSED) {
            String encoded = percentEncodeUtf8(refused);
            for (String query : List.of(encoded + "=1", "A" + encoded + "B=1&A" + encoded + "B=2",
                    "Action=ListRegions&" + encoded + "=1")) {
                Response response = given().urlEncodingEnabled(false).get("/?" + query);
                Document error = parse(response.asByteArray());
                assertThat(response.statusCode()).as(query).isEqualTo(400);
                assertThat(text(error, "/Error/Code")).as(query).isEqualTo("InvalidParameter");
                assertThat(text(error, "/Error/Message")).as(query)
                        .isIn("The specified parameter \"?\" is not valid.", "The specified parameter \"A?B\" is not valid.");
            }
        }
    }

    @Test
    void aValueHoldingARefusedCharacterIsInvalidParameter() {
        TestAccount owner = provisioned("XMLVALUE");
        for (String refused : REFUSED) {
            ErrorAssertions.assertJsonError(create(owner, "v-" + Integer.toHexString(refused.codePointAt(0)), "a" + refused)
                    .post(), 400, "InvalidParameter", "The specified parameter \"Description\" is not valid.");
            ErrorAssertions.assertJsonError(create(owner, "t-" + Integer.toHexString(refused.codePointAt(0)), "d")
                            .param("Tag.1.Key", "k").param("Tag.1.Value", refused + "v").post(), 400,
                    "InvalidParameter", "The specified parameter \"Tag.1.Value\" is not valid.");
        }
        assertThat(db.count("SELECT count(*) FROM custom_image WHERE account_id = ?", owner.accountId())).isZero();
    }

    /** Issue 29, 3: a NUL in ImageNames reached PostgreSQL and answered 500 InternalError. */
    @Test
    void aNulInImageNamesIsInvalidParameterNotInternalError() throws Exception {
        TestAccount caller = provisioned("XMLNUL");
        Response json = Api.call(caller, "ListCustomImages").param("RegionId", REGION)
                .param("ImageNames", "[\"\\u0000\"]").post();
        ErrorAssertions.assertJsonError(json, 400, "InvalidParameter",
                "The specified parameter \"ImageNames\" is not valid.");
        Response xml = Api.call(caller, "ListCustomImages").xml().param("RegionId", REGION)
                .param("ImageNames", "[\"\\u0000\"]").post();
        ErrorAssertions.assertXmlError(xml, 400, "InvalidParameter", "The specified parameter \"ImageNames\" is not valid.");
        parse(xml.asByteArray());
    }

    /** JSON-array parameters follow the rules of plain values once JSON has decoded their escapes. */
    @Test
    void jsonArrayEntriesFollowTheCharacterRulesAfterDecoding() {
        TestAccount caller = provisioned("XMLJSON");
        List<String> escaped = List.of("\\u0000", "a\\u0007b", "\\u001b[0m", "\\u007f", "\\u0085", "\\ud800",
                "x\\udc00", "\\ud83d", "\\uffff", "\\ufffe", "\\ufdd0", "\\ud83f\\udfff", "a\\tb", "a\\nb");
        for (String entry : escaped) {
            for (String parameter : List.of("ImageNames", "ImageIds")) {
                ErrorAssertions.assertJsonError(Api.call(caller, "ListCustomImages").param("RegionId", REGION)
                                .param(parameter, "[\"ok\",\"" + entry + "\"]").post(), 400, "InvalidParameter",
                        "The specified parameter \"" + parameter + "\" is not valid.");
            }
            ErrorAssertions.assertJsonError(Api.call(caller, "ListImages").param("RegionId", REGION)
                            .param("ImageIds", "[\"" + entry + "\"]").post(), 400, "InvalidParameter",
                    "The specified parameter \"ImageIds\" is not valid.");
        }
        // Escapes of characters XML carries are fine: a name filter that matches nothing.
        Api.call(caller, "ListCustomImages").param("RegionId", REGION)
                .param("ImageNames", "[\"\\u00e9t\\u00e9\",\"\\ud835\\udc00\"]").post()
                .then().statusCode(200);
    }

    /**
     * The review's reproduction of the cross-account damage: the owner puts hostile text in names, descriptions and
     * tags and shares the image; what the API accepts must come back, character for character, in both accounts'
     * XML {@code ListCustomImages} and {@code ListImages}, and what XML cannot carry must have been refused.
     */
    @Test
    void hostileTextSharedWithAnotherAccountKeepsBothAccountsXmlListingsReadable() throws Exception {
        TestAccount owner = provisioned("XMLOWNER");
        TestAccount peer = provisioned("XMLPEER");
        Map<String, Boolean> texts = new LinkedHashMap<>();
        for (String accepted : List.of("<Error><Code>Fake</Code></Error>", "]]><![CDATA[x", "&amp;&#xffff;&#0;",
                "<?xml version=\"1.0\"?>", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>&e;",
                "\u202e\u0645\u0631\u062d\u0628\u0627", "\ud83d\ude00 \ud835\udc00", "\ufffd\ufeff\u200b", "\ufdcf\ufdf0",
                "\ud83f\udffd", "\udbff\udffd", "\"quoted\" 'single'", " ")) {
            texts.put(accepted, true);
        }
        for (String refused : REFUSED) {
            texts.put("x" + refused + "y", false);
        }
        // Whatever the service accepts is shared and listed, then checked: the listings must parse first of all.
        List<String> shared = new ArrayList<>();
        List<String> imageIds = new ArrayList<>();
        List<String> stored = new ArrayList<>();
        Map<String, Response> refusals = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, Boolean> entry : texts.entrySet()) {
            String text = entry.getKey();
            // Names allow letters of any script, digits, ':', '_' and '-': as hostile as a name gets.
            String name = "\ud835\udc00\u00df:\u03a9_\u0416-" + n++;
            Response response = create(owner, name, text).param("Tag.1.Key", "<k>" + text).param("Tag.1.Value", text)
                    .post();
            if (entry.getValue()) {
                assertThat(response.statusCode()).as("accepted: %s", codePoints(text)).isEqualTo(200);
                imageIds.add(response.jsonPath().getString("ImageId"));
                stored.add(text);
            } else {
                refusals.put(text, response);
            }
            if (response.statusCode() == 200) {
                shared.add(response.jsonPath().getString("ImageId"));
            }
        }
        for (String imageId : shared) {
            Api.call(owner, "AddCustomImageShareAccount").param("RegionId", REGION).param("ImageId", imageId)
                    .param("Account.1", Long.toString(peer.accountId())).post().then().statusCode(200);
        }

        for (TestAccount reader : List.of(owner, peer)) {
            Document custom = parse(Api.call(reader, "ListCustomImages").xml().param("RegionId", REGION)
                    .param("PageSize", "100").post().then().statusCode(200).extract().asByteArray());
            Document images = parse(Api.call(reader, "ListImages").xml().param("RegionId", REGION).post()
                    .then().statusCode(200).extract().asByteArray());
            for (int i = 0; i < imageIds.size(); i++) {
                String image = "/ListCustomImagesResponse/CustomImages/CustomImage[ImageId='" + imageIds.get(i) + "']";
                assertThat(text(custom, image + "/Description")).as("%s's Description", reader.accessKeyId())
                        .isEqualTo(stored.get(i));
                assertThat(text(custom, image + "/Tags/Tag/Key")).isEqualTo("<k>" + stored.get(i));
                assertThat(text(custom, image + "/Tags/Tag/Value")).isEqualTo(stored.get(i));
                assertThat(text(custom, image + "/Name")).startsWith("\ud835\udc00\u00df:\u03a9_\u0416-");
                assertThat(text(images, "/ListImagesResponse/Images/Image[ImageId='" + imageIds.get(i) + "']/Description"))
                        .isEqualTo(stored.get(i));
            }
        }
        refusals.forEach((text, response) -> ErrorAssertions.assertJsonError(response, 400, "InvalidParameter",
                "The specified parameter \"Description\" is not valid."));
        assertThat(shared).containsExactlyElementsOf(imageIds);
    }

    /**
     * Defence in depth: text that reached the database before the rules refused it (or by any other way) is written
     * so that the document stays well-formed; what XML cannot carry becomes U+FFFD, the rest is as stored.
     */
    @Test
    void storedTextThatXmlCannotCarryIsReplacedNotWritten() throws Exception {
        TestAccount owner = provisioned("XMLSTORED");
        TestAccount peer = provisioned("XMLSTOREDPEER");
        String imageId = create(owner, "stored", "clean").param("Tag.1.Key", "key").param("Tag.1.Value", "value")
                .post().then().statusCode(200).extract().jsonPath().getString("ImageId");
        Api.call(owner, "AddCustomImageShareAccount").param("RegionId", REGION).param("ImageId", imageId)
                .param("Account.1", Long.toString(peer.accountId())).post().then().statusCode(200);
        db.update("UPDATE custom_image SET description = ? WHERE account_id = ? AND image_id = ?",
                "a\uffffb\ufffec\u0001d\u001fe\ufdd0f", owner.accountId(), imageId);
        db.update("UPDATE custom_image_tag SET tag_key = ?, tag_value = ? WHERE account_id = ? AND image_id = ?",
                "k\uffff", "\u0008v", owner.accountId(), imageId);

        for (TestAccount reader : List.of(owner, peer)) {
            Document custom = parse(Api.call(reader, "ListCustomImages").xml().param("RegionId", REGION)
                    .param("ImageIds", "[\"" + imageId + "\"]").post().then().statusCode(200).extract().asByteArray());
            String image = "/ListCustomImagesResponse/CustomImages/CustomImage[ImageId='" + imageId + "']";
            assertThat(text(custom, image + "/Description")).isEqualTo("a\ufffdb\ufffdc\ufffdd\ufffde\ufdd0f");
            assertThat(text(custom, image + "/Tags/Tag/Key")).isEqualTo("k\ufffd");
            assertThat(text(custom, image + "/Tags/Tag/Value")).isEqualTo("\ufffdv");
            Document images = parse(Api.call(reader, "ListImages").xml().param("RegionId", REGION)
                    .param("ImageIds", "[\"" + imageId + "\"]").post().then().statusCode(200).extract().asByteArray());
            NodeList listed = (NodeList) XPathFactory.newInstance().newXPath()
                    .evaluate("/ListImagesResponse/Images/Image", images, XPathConstants.NODESET);
            assertThat(listed.getLength()).isEqualTo(1);
            assertThat(((Element) listed.item(0)).getElementsByTagName("Description").item(0).getTextContent())
                    .isEqualTo("a\ufffdb\ufffdc\ufffdd\ufffde\ufdd0f");
        }
    }

    private static Api create(TestAccount owner, String name, String description) {
        return Api.call(owner, "CreateCustomImage").param("RegionId", REGION).param("ImageName", name)
                .param("InstanceId", "i-xml").param("SystemSnapshotId", "s-xml").param("Description", description);
    }

    private static String percentEncodeUtf8(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            out.append(String.format("%%%02X", b & 0xff));
        }
        return out.toString();
    }
}
