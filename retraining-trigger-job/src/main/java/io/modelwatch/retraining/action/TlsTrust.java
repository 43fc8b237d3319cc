package io.modelwatch.retraining.action;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which server certificates an action trusts: the JVM's default trust store plus, with
 * {@code ca_bundle_file}, the CA certificates of a PEM file (a private CA, a TLS-inspecting proxy).
 * Certificate and host name verification stay on for every outbound call; there is deliberately
 * no way to turn them off.
 */
final class TlsTrust {
    static final String UNTRUSTED_DETAIL =
            "TLS: the server certificate is not trusted for this host (a private CA goes in ca_bundle_file)";

    private final Path bundle;
    private final X509TrustManager trustManager;
    private final SSLContext sslContext;

    private TlsTrust(Path bundle, X509TrustManager trustManager, SSLContext sslContext) {
        this.bundle = bundle;
        this.trustManager = trustManager;
        this.sslContext = sslContext;
    }

    /**
     * The default trust anchors and the certificates of a PEM bundle.
     *
     * @throws IllegalArgumentException when the file can't be read or holds no certificate; the message
     *     names the problem, not the file (the caller names the action, the key and the file)
     */
    static TlsTrust withBundle(Path bundle) {
        Collection<? extends Certificate> certificates;
        try {
            byte[] pem = Files.readAllBytes(bundle);
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read it (" + e.getClass().getSimpleName() + ")");
        } catch (CertificateException e) {
            throw new IllegalArgumentException("it is not a PEM file of X.509 certificates");
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("it holds no PEM certificate");
        }
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            int n = 0;
            for (X509Certificate certificate : defaultTrustManager().getAcceptedIssuers()) {
                anchors.setCertificateEntry("default-" + n++, certificate);
            }
            for (Certificate certificate : certificates) {
                anchors.setCertificateEntry("bundle-" + n++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            X509TrustManager trustManager = x509(factory.getTrustManagers());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            return new TlsTrust(bundle, trustManager, context);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trust: " + e.getClass().getSimpleName(), e);
        }
    }

    Path bundle() {
        return bundle;
    }

    X509TrustManager trustManager() {
        return trustManager;
    }

    SSLContext sslContext() {
        return sslContext;
    }

    SSLSocketFactory socketFactory() {
        return sslContext.getSocketFactory();
    }

    /** Whether a failure is a certificate that was not trusted or did not match the host, somewhere in its causes. */
    static boolean isUntrustedCertificate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateException || t instanceof CertPathBuilderException
                    || t instanceof CertPathValidatorException || t instanceof SSLPeerUnverifiedException) {
                return true;
            }
        }
        return false;
    }

    private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return x509(factory.getTrustManagers());
    }

    private static X509TrustManager x509(TrustManager[] managers) throws GeneralSecurityException {
        return List.of(managers).stream().filter(X509TrustManager.class::isInstance).map(X509TrustManager.class::cast)
                .findFirst().orElseThrow(() -> new GeneralSecurityException("no X509TrustManager"));
    }
}
