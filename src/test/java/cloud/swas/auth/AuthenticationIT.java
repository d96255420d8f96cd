package cloud.swas.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AuthenticationTest} against the packaged application (the jar, or the native executable with -Dnative). */
@QuarkusIntegrationTest
class AuthenticationIT extends AuthenticationTest {
}
