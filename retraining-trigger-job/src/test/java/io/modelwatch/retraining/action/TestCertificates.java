package io.modelwatch.retraining.action;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * A throw-away test CA and server certificates it signed, made with the JDK's {@code keytool} (no
 * BouncyCastle on the classpath): {@link #caBundle} is the CA as a PEM file, {@link #serverTls} a
 * server socket factory presenting a certificate for the given host names.
 */
final class TestCertificates {
    private static final String PASSWORD = "changeit";

    private final Path directory;
    private final Path caKeyStore;
    private final Path caBundle;

    private TestCertificates(Path directory) {
        this.directory = directory;
        this.caKeyStore = directory.resolve("ca.p12");
        this.caBundle = directory.resolve("ca.pem");
    }

    /** A new CA in {@code directory}. */
    static TestCertificates create(Path directory) throws IOException {
        TestCertificates certificates = new TestCertificates(directory);
        certificates.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=ModelWatch Test CA", "-ext", "bc:c", "-validity", "2",
                "-keystore", certificates.caKeyStore.toString());
        certificates.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", certificates.caKeyStore.toString(),
                "-file", certificates.caBundle.toString());
        return certificates;
    }

    /** The CA certificate as PEM: what {@code ca_bundle_file} names. */
    Path caBundle() {
        return caBundle;
    }

    /** An SSL context presenting a certificate the CA signed for these names (dns:localhost, ip:127.0.0.1, ...). */
    SSLContext serverTls(String name, String... subjectAlternativeNames) throws IOException {
        Path keyStore = directory.resolve(name + ".p12");
        Path request = directory.resolve(name + ".csr");
        Path certificate = directory.resolve(name + ".pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "2", "-keystore", keyStore.toString());
        keytool("-certreq", "-alias", "server", "-keystore", keyStore.toString(), "-file", request.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", caKeyStore.toString(), "-infile", request.toString(),
                "-outfile", certificate.toString(), "-rfc", "-validity", "2",
                "-ext", "san=" + String.join(",", subjectAlternativeNames), "-ext", "eku=serverAuth");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caBundle.toString(),
                "-keystore", keyStore.toString());
        keytool("-importcert", "-alias", "server", "-file", certificate.toString(), "-keystore", keyStore.toString());
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    static SSLSocketFactory socketFactory(SSLContext context) {
        return context.getSocketFactory();
    }

    private void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
