package dev.prefilter.engine.mime.smime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.ProviderException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Checks one signer with the JDK's own X.509 and signature code: finds its certificate among the
 * message's, compares the content's digest with the signed messageDigest attribute and verifies the
 * signature over the signed attributes (or over the content when there are none). Trust in the
 * certificate is not judged: that is the recipient's mail program's business.
 */
final class SignerCheck {

    /** The outcome for one signer; {@code certificate} is null when the message does not carry it. */
    record Result(Status status, String reason, X509Certificate certificate) {}

    enum Status {
        VALID,
        /** The content is not what was signed, or the signature does not verify. */
        INVALID,
        /** Could not be checked (no certificate, an algorithm the JDK does not have, a detached signature). */
        UNVERIFIED
    }

    private static final Map<String, String[]> DIGESTS = Map.of(
            "1.3.14.3.2.26", new String[] {"SHA-1", "SHA1"},
            "2.16.840.1.101.3.4.2.1", new String[] {"SHA-256", "SHA256"},
            "2.16.840.1.101.3.4.2.2", new String[] {"SHA-384", "SHA384"},
            "2.16.840.1.101.3.4.2.3", new String[] {"SHA-512", "SHA512"},
            "2.16.840.1.101.3.4.2.4", new String[] {"SHA-224", "SHA224"},
            "1.2.840.113549.2.5", new String[] {"MD5", "MD5"});

    /** Signature algorithms named with their digest, by OID. */
    private static final Map<String, String> SIGNATURES = Map.ofEntries(
            Map.entry("1.2.840.113549.1.1.4", "MD5withRSA"),
            Map.entry("1.2.840.113549.1.1.5", "SHA1withRSA"),
            Map.entry("1.2.840.113549.1.1.11", "SHA256withRSA"),
            Map.entry("1.2.840.113549.1.1.12", "SHA384withRSA"),
            Map.entry("1.2.840.113549.1.1.13", "SHA512withRSA"),
            Map.entry("1.2.840.113549.1.1.14", "SHA224withRSA"),
            Map.entry("1.2.840.113549.1.1.10", "RSASSA-PSS"),
            Map.entry("1.2.840.10045.4.1", "SHA1withECDSA"),
            Map.entry("1.2.840.10045.4.3.1", "SHA224withECDSA"),
            Map.entry("1.2.840.10045.4.3.2", "SHA256withECDSA"),
            Map.entry("1.2.840.10045.4.3.3", "SHA384withECDSA"),
            Map.entry("1.2.840.10045.4.3.4", "SHA512withECDSA"),
            Map.entry("2.16.840.1.101.3.4.3.2", "SHA256withDSA"),
            Map.entry("1.3.101.112", "Ed25519"),
            Map.entry("1.3.101.113", "Ed448"));

    /** Key algorithms that CMS also allows as "signature" algorithm, the digest then coming from digestAlgorithm. */
    private static final Map<String, String> KEY_ALGORITHMS = Map.of(
            "1.2.840.113549.1.1.1", "RSA",
            "1.2.840.10045.2.1", "ECDSA",
            "1.2.840.10040.4.1", "DSA");

    private SignerCheck() {}

    static List<X509Certificate> certificates(List<byte[]> encoded) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : encoded) {
                try {
                    out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
                } catch (CertificateException e) {
                    // a certificate the JDK cannot read does not identify a signer; the others still may
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X.509 is part of every JVM", e);
        }
        return out;
    }

    static Result check(CmsMessage.Signer signer, byte[] content, List<X509Certificate> certificates) {
        Optional<X509Certificate> found =
                certificates.stream().filter(c -> identifies(signer, c)).findFirst();
        if (found.isEmpty()) {
            return new Result(Status.UNVERIFIED, "the signer's certificate is not in the message", null);
        }
        X509Certificate certificate = found.get();
        if (content == null) {
            return new Result(Status.UNVERIFIED, "detached signature: the signed content is elsewhere", certificate);
        }
        String[] digest = DIGESTS.get(signer.digestAlgorithm());
        if (digest == null) {
            return new Result(
                    Status.UNVERIFIED,
                    "digest algorithm " + signer.digestAlgorithm() + " is not supported",
                    certificate);
        }
        try {
            byte[] signedBytes = content;
            if (signer.signedAttributes() != null) {
                if (signer.messageDigest() == null) {
                    return new Result(Status.INVALID, "the signed attributes hold no messageDigest", certificate);
                }
                byte[] actual = MessageDigest.getInstance(digest[0]).digest(content);
                if (!MessageDigest.isEqual(actual, signer.messageDigest())) {
                    return new Result(Status.INVALID, "the content does not match the signed digest", certificate);
                }
                if (!signer.signedAttributesDer()) {
                    return new Result(Status.UNVERIFIED, "the signed attributes are not DER-encoded", certificate);
                }
                signedBytes = signer.signedAttributes();
            }
            Signature signature = signature(signer, digest[1], certificate);
            if (signature == null) {
                return new Result(
                        Status.UNVERIFIED,
                        "signature algorithm " + signer.signatureAlgorithm() + " is not supported",
                        certificate);
            }
            signature.update(signedBytes);
            return signature.verify(signer.signature())
                    ? new Result(Status.VALID, null, certificate)
                    : new Result(
                            Status.INVALID, "the signature does not verify with the signer's certificate", certificate);
        } catch (GeneralSecurityException | IOException | IllegalArgumentException | ProviderException e) {
            // a key that does not fit the algorithm, a damaged signature value: not what the signer made
            return new Result(Status.INVALID, "the signature could not be verified: " + e.getMessage(), certificate);
        }
    }

    private static Signature signature(CmsMessage.Signer signer, String digest, X509Certificate certificate)
            throws GeneralSecurityException, IOException {
        String name = SIGNATURES.get(signer.signatureAlgorithm());
        if (name == null) {
            String key = KEY_ALGORITHMS.get(signer.signatureAlgorithm());
            if (key == null) return null;
            name = digest + "with" + key;
        }
        Signature signature = Signature.getInstance(name);
        if (name.equals("RSASSA-PSS")) {
            if (signer.signatureParameters() == null) return null;
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
            parameters.init(signer.signatureParameters());
            signature.setParameter(parameters.getParameterSpec(java.security.spec.PSSParameterSpec.class));
        }
        signature.initVerify(certificate.getPublicKey());
        return signature;
    }

    private static boolean identifies(CmsMessage.Signer signer, X509Certificate certificate) {
        if (signer.issuer() != null) {
            try {
                return certificate.getSerialNumber().equals(signer.serial())
                        && certificate.getIssuerX500Principal().equals(new X500Principal(signer.issuer()));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        if (signer.subjectKeyId() != null) {
            byte[] extension = certificate.getExtensionValue("2.5.29.14");
            if (extension == null) return false;
            try {
                // the extension value is an OCTET STRING holding the KeyIdentifier OCTET STRING
                byte[] inner = Ber.read(Ber.read(extension).octets()).octets();
                return Arrays.equals(inner, signer.subjectKeyId());
            } catch (Ber.MalformedException e) {
                return false;
            }
        }
        return false;
    }
}
