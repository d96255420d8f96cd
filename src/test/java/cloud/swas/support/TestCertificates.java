package cloud.swas.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate authority of the test's own and server certificates it signs for {@code localhost} and
 * {@code 127.0.0.1}, made at test time with the JDK's {@code keytool} (nothing to install): the CA certificate goes
 * to the client (a trust store for Java, {@code NODE_EXTRA_CA_CERTS} for Node), the server's certificate and key to
 * the service as PEM files, as a Kubernetes TLS Secret holds them. Nothing turns certificate checks off.
 */
public final class TestCertificates {

    private static final String PASSWORD = "test-only";

    private final Path dir;
    private final Path caStore;
    private int issued;

    private TestCertificates(Path dir) {
        this.dir = dir;
        this.caStore = dir.resolve("ca.p12");
    }

    /** A new CA in a new directory, and a first server certificate. */
    public static TestCertificates create() {
        try {
            TestCertificates certificates = new TestCertificates(Files.createTempDirectory("swas-tls"));
            certificates.keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048",
                    "-dname", "CN=swas test CA", "-ext", "bc:c", "-validity", "2", "-keystore",
                    certificates.caStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
            certificates.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", certificates.caStore.toString(),
                    "-storepass", PASSWORD, "-file", certificates.caCertificate().toString());
            certificates.issueServerCertificate();
            return certificates;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    public Path serverCertificate() {
        return dir.resolve("tls.crt");
    }

    public Path serverKey() {
        return dir.resolve("tls.key");
    }

    /**
     * Issues a new server certificate and key and moves them over the served files (as Kubernetes updates a mounted
     * Secret); returns the new certificate.
     */
    public X509Certificate issueServerCertificate() {
        try {
            int n = ++issued;
            Path store = dir.resolve("server" + n + ".p12");
            Path csr = dir.resolve("server" + n + ".csr");
            Path crt = dir.resolve("server" + n + ".crt");
            keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                    "-dname", "CN=localhost", "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", PASSWORD);
            keytool("-certreq", "-alias", "server", "-keystore", store.toString(), "-storepass", PASSWORD,
                    "-file", csr.toString());
            keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(), "-storepass", PASSWORD,
                    "-infile", csr.toString(), "-outfile", crt.toString(), "-validity", "2",
                    "-ext", "san=dns:localhost,ip:127.0.0.1", "-ext", "eku=serverAuth");
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD.toCharArray());
            }
            PrivateKey key = (PrivateKey) keys.getKey("server", PASSWORD.toCharArray());
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(crt)));
            publish(n, pem("CERTIFICATE", certificate.getEncoded()), pem("PRIVATE KEY", key.getEncoded()));
            return certificate;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** TLS that trusts this CA alone. */
    public SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(caCertificate())) {
                trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /**
     * Makes a certificate and its key the served pair at once, the way the kubelet updates a mounted Secret: both
     * files in a new directory, then one symlink ({@code ..data}) renamed over the old, so that a reader never sees
     * a new certificate with an old key. {@code tls.crt} and {@code tls.key} point through {@code ..data}.
     */
    private void publish(int version, String certificate, String key) throws IOException {
        Path data = dir.resolve("..v" + version);
        Files.createDirectory(data);
        Files.writeString(data.resolve("tls.crt"), certificate);
        Files.writeString(data.resolve("tls.key"), key);
        Path link = dir.resolve("..data_tmp");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, data.getFileName());
        Files.move(link, dir.resolve("..data"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        for (String name : new String[] {"tls.crt", "tls.key"}) {
            if (!Files.isSymbolicLink(dir.resolve(name))) {
                Files.createSymbolicLink(dir.resolve(name), Path.of("..data", name));
            }
        }
    }

    private void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        String javaHome = System.getProperty("java.home");
        command.add(Path.of(javaHome, "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: "
                        + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the service's configuration needs to serve HTTPS with the current server certificate. */
    public java.util.Map<String, String> serviceConfig(String reloadPeriod) {
        return java.util.Map.of(
                "quarkus.tls.key-store.pem.0.cert", serverCertificate().toString(),
                "quarkus.tls.key-store.pem.0.key", serverKey().toString(),
                "quarkus.tls.reload-period", reloadPeriod,
                "quarkus.http.test-ssl-port", "0");
    }

    /** The certificates a server presents on a TLS connection to {@code host:port} (trusting this CA). */
    public Certificate[] served(String host, int port) {
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) clientContext().getSocketFactory()
                .createSocket(host, port)) {
            javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket.getSession().getPeerCertificates();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
