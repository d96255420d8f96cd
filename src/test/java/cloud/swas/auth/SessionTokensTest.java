package cloud.swas.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Security tokens hold up without server-side state: another instance built from the same configuration (another
 * replica, a restart) opens them; no change to a token, its expiry or its key id survives; a key that is no longer
 * configured opens nothing; rotation keeps the old key verifying while the new one signs.
 */
class SessionTokensTest {

    private static final Optional<String> ENCRYPTION_KEY = Optional.of("dGVzdC1vbmx5LWVuY3J5cHRpb24ta2V5LTMyLWJ5dGU=");
    private static final Instant EXPIRY = Instant.parse("2030-01-01T00:00:00Z");
    private static final String POLICY = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
            + "\"swas-open:ListCustomImages\",\"Resource\":\"*\"}]}";

    private static String key() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    private static SessionTokens defaults() {
        return new SessionTokens(List.of(), ENCRYPTION_KEY);
    }

    @Test
    void aTokenOpensOnAnotherInstanceOfTheSameConfigurationWithEverythingItCarries() {
        SessionTokens.Issued issued = defaults().issue(1234567890123456L, "300000000000000001", "Deployer",
                "ci-job@42", POLICY, EXPIRY);

        SessionTokens.Session session = defaults().open(issued.securityToken());

        assertThat(session.accountId()).isEqualTo(1234567890123456L);
        assertThat(session.roleId()).isEqualTo("300000000000000001");
        assertThat(session.roleName()).isEqualTo("Deployer");
        assertThat(session.sessionName()).isEqualTo("ci-job@42");
        assertThat(session.sessionPolicy()).isEqualTo(POLICY);
        assertThat(session.expiration()).isEqualTo(EXPIRY);
        assertThat(session.accessKeyId()).isEqualTo(issued.accessKeyId());
        assertThat(session.accessKeySecret()).isEqualTo(issued.accessKeySecret());
        assertThat(issued.accessKeyId()).matches("STS\\.[0-9A-Za-z]{24}");
        assertThat(AccessKey.wellFormedId(issued.accessKeyId())).isTrue();
        assertThat(issued.securityToken()).startsWith("v1.enc.");
        assertThat(issued.toString()).doesNotContain(issued.accessKeySecret()).doesNotContain(issued.securityToken());
    }

    @Test
    void everySessionHasItsOwnKeyAndSecret() {
        SessionTokens tokens = defaults();
        SessionTokens.Issued one = tokens.issue(1L, "r1", "Role", "s1", null, EXPIRY);
        SessionTokens.Issued two = tokens.issue(1L, "r1", "Role", "s1", null, EXPIRY);
        assertThat(one.accessKeyId()).isNotEqualTo(two.accessKeyId());
        assertThat(one.accessKeySecret()).isNotEqualTo(two.accessKeySecret());
        assertThat(tokens.open(one.securityToken()).sessionPolicy()).isNull();
        assertThat(one.securityToken().length()).isLessThan(300);
    }

    @Test
    void flippingAnyByteOfTheSealedPartBreaksTheToken() {
        SessionTokens tokens = defaults();
        String token = tokens.issue(1L, "r1", "Role", "session", POLICY, EXPIRY).securityToken();
        String prefix = token.substring(0, token.lastIndexOf('.') + 1);
        byte[] sealed = Base64.getUrlDecoder().decode(token.substring(prefix.length()));
        for (int i = 0; i < sealed.length; i++) {
            byte[] changed = sealed.clone();
            changed[i] ^= 0x01;
            String altered = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
            assertThatThrownBy(() -> tokens.open(altered)).isInstanceOf(SessionTokens.Malformed.class);
        }
    }

    @Test
    void garbageIsMalformed() {
        SessionTokens tokens = defaults();
        for (String garbage : List.of("", "abc", "v1.enc.", "v1.enc.!!!!", "v2.enc.AAAA", "v1..AAAA",
                "v1.enc." + "A".repeat(40), "x".repeat(9000))) {
            assertThatThrownBy(() -> tokens.open(garbage)).as(garbage).isInstanceOf(SessionTokens.Malformed.class);
        }
    }

    @Test
    void aTokenCannotBeMovedToAnotherKeyIdOrOpenedWithAnotherKey() {
        String k1 = key();
        String k2 = key();
        SessionTokens one = new SessionTokens(List.of("k1=" + k1, "k2=" + k2), ENCRYPTION_KEY);
        String token = one.issue(1L, "r1", "Role", "session", null, EXPIRY).securityToken();
        assertThat(token).startsWith("v1.k1.");

        // The same bytes claimed for the other configured key: the key id is associated data.
        assertThatThrownBy(() -> one.open(token.replaceFirst("^v1\\.k1\\.", "v1.k2.")))
                .isInstanceOf(SessionTokens.Malformed.class);
        // Another service whose k1 is another key.
        SessionTokens other = new SessionTokens(List.of("k1=" + key()), ENCRYPTION_KEY);
        assertThatThrownBy(() -> other.open(token)).isInstanceOf(SessionTokens.Malformed.class);
        // The default, derived key is not k1.
        assertThatThrownBy(() -> defaults().open(token)).isInstanceOf(SessionTokens.Malformed.class);
    }

    @Test
    void rotationTheNewKeySignsTheOldStillVerifiesUntilRemoved() {
        String oldKey = key();
        String newKey = key();
        SessionTokens before = new SessionTokens(List.of("old=" + oldKey), ENCRYPTION_KEY);
        SessionTokens.Issued live = before.issue(1L, "r1", "Role", "session", null, EXPIRY);

        SessionTokens during = new SessionTokens(List.of("new=" + newKey, "old=" + oldKey), ENCRYPTION_KEY);
        assertThat(during.open(live.securityToken()).accessKeySecret()).isEqualTo(live.accessKeySecret());
        assertThat(during.issue(1L, "r1", "Role", "session", null, EXPIRY).securityToken()).startsWith("v1.new.");

        SessionTokens after = new SessionTokens(List.of("new=" + newKey), ENCRYPTION_KEY);
        assertThatThrownBy(() -> after.open(live.securityToken())).isInstanceOf(SessionTokens.Malformed.class);
    }

    @Test
    void theDerivedDefaultCanBeListedDuringARotationAwayFromIt() {
        SessionTokens.Issued live = defaults().issue(1L, "r1", "Role", "session", null, EXPIRY);
        SessionTokens rotating = new SessionTokens(List.of("k2=" + key(), "enc=derived"), ENCRYPTION_KEY);
        assertThat(rotating.open(live.securityToken()).accessKeyId()).isEqualTo(live.accessKeyId());
    }

    @Test
    void aSessionPolicyOfTheLongestAllowedLengthFitsAndOneThatCannotFitIsRefusedAtIssue() {
        StringBuilder policy = new StringBuilder("{\"Version\":\"1\",\"Statement\":[");
        while (policy.length() < 6000) {
            policy.append("{\"Effect\":\"Allow\",\"Action\":\"swas-open:ListCustomImages\",\"Resource\":\"*\"},");
        }
        policy.setLength(policy.length() - 1);
        policy.append("]}");
        SessionTokens tokens = defaults();
        SessionTokens.Issued issued = tokens.issue(1L, "r1", "Role", "session", policy.toString(), EXPIRY);
        assertThat(issued.securityToken().length()).isLessThanOrEqualTo(SessionTokens.MAX_TOKEN_LENGTH);
        assertThat(tokens.open(issued.securityToken()).sessionPolicy()).isEqualTo(policy.toString());

        // 6,000 characters that do not compress, each 3 bytes in UTF-8: no token of 8,000 characters holds them.
        StringBuilder random = new StringBuilder();
        SecureRandom r = new SecureRandom();
        while (random.length() < 6000) {
            random.append((char) (0x4E00 + r.nextInt(0x5000)));
        }
        assertThatThrownBy(() -> tokens.issue(1L, "r1", "Role", "session", random.toString(), EXPIRY))
                .isInstanceOf(SessionTokens.TooLarge.class);
        assertThat(random.toString().getBytes(StandardCharsets.UTF_8).length).isGreaterThan(8000);
    }

    @Test
    void misconfiguredKeysStopStartUp() {
        assertThatThrownBy(() -> new SessionTokens(List.of("k1=" + Base64.getEncoder().encodeToString(new byte[16])),
                ENCRYPTION_KEY)).isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new SessionTokens(List.of("no key id"), ENCRYPTION_KEY))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SessionTokens(List.of("a=" + key(), "a=" + key()), ENCRYPTION_KEY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
    }
}
