package dev.prefilter.engine.mime.smime;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;

/**
 * Builds X.509 certificates and CMS signed-data (RFC 5652) with the JDK's keys and signatures and a
 * small DER writer, so the S/MIME tests need neither Bouncy Castle nor openssl.
 */
final class CmsFixtures {

    static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
    static final String RSA = "1.2.840.113549.1.1.1";
    static final String SHA256_RSA = "1.2.840.113549.1.1.11";
    private static final String DATA = "1.2.840.113549.1.7.1";
    private static final String SIGNED_DATA = "1.2.840.113549.1.7.2";
    private static final String ENVELOPED_DATA = "1.2.840.113549.1.7.3";

    /** A signer: its key pair, certificate, and how it signs. */
    record Signer(
            KeyPair keys, byte[] certificate, byte[] issuer, BigInteger serial, String jdkAlgorithm, String oid) {}

    private CmsFixtures() {}

    static Signer ecSigner(String commonName) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return signer(g.generateKeyPair(), commonName, "SHA256withECDSA", ECDSA_SHA256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RSA signer that names its signature algorithm rsaEncryption, as openssl smime does. */
    static Signer rsaSigner(String commonName) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            Signer s = signer(g.generateKeyPair(), commonName, "SHA256withRSA", SHA256_RSA);
            return new Signer(s.keys(), s.certificate(), s.issuer(), s.serial(), "SHA256withRSA", RSA);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Signer signer(KeyPair keys, String commonName, String jdkAlgorithm, String oid)
            throws GeneralSecurityException {
        byte[] name = Der.seq(
                Der.set(Der.seq(Der.oid("2.5.4.3"), Der.utf8(commonName))),
                Der.set(Der.seq(Der.oid("2.5.4.10"), Der.utf8("Fornitore S.p.A."))));
        BigInteger serial = new BigInteger("1234567890abcdef", 16);
        byte[] tbs = Der.seq(
                Der.explicit(0, Der.integer(BigInteger.TWO)),
                Der.integer(serial),
                Der.seq(Der.oid(oid.equals(RSA) ? SHA256_RSA : oid)),
                name,
                Der.seq(Der.utcTime("250101000000Z"), Der.utcTime("351231235959Z")),
                name,
                keys.getPublic().getEncoded());
        byte[] certificate = Der.seq(
                tbs,
                Der.seq(Der.oid(oid.equals(RSA) ? SHA256_RSA : oid)),
                Der.bitString(sign(jdkAlgorithm, keys, tbs)));
        return new Signer(keys, certificate, name, serial, jdkAlgorithm, oid);
    }

    /** ContentInfo with signed-data around {@code content}, signed over signed attributes (DER throughout). */
    static byte[] signedData(byte[] content, Signer signer) {
        return signedData(content, content, signer, false);
    }

    /**
     * @param signedContent what the signature covers
     * @param carriedContent what the message carries (different when a test tampers with it)
     * @param ber whether to write it the way streaming signers do: indefinite lengths and the content as
     *     a constructed OCTET STRING in two segments
     */
    static byte[] signedData(byte[] signedContent, byte[] carriedContent, Signer signer, boolean ber) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(signedContent);
            byte[] attributes = Der.set(
                    Der.seq(Der.oid("1.2.840.113549.1.9.3"), Der.set(Der.oid(DATA))),
                    Der.seq(Der.oid("1.2.840.113549.1.9.5"), Der.set(Der.utcTime("260301120000Z"))),
                    Der.seq(Der.oid("1.2.840.113549.1.9.4"), Der.set(Der.octets(digest))));
            byte[] signature = sign(signer.jdkAlgorithm(), signer.keys(), attributes);
            byte[] implicitAttributes = attributes.clone();
            implicitAttributes[0] = (byte) 0xA0;
            byte[] signerInfo = Der.seq(
                    Der.integer(BigInteger.ONE),
                    Der.seq(signer.issuer(), Der.integer(signer.serial())),
                    Der.seq(Der.oid(SHA256)),
                    implicitAttributes,
                    Der.seq(Der.oid(signer.oid())),
                    Der.octets(signature));
            byte[] certificates = Der.tagged(0xA0, signer.certificate());
            if (!ber) {
                byte[] encapsulated = Der.seq(Der.oid(DATA), Der.explicit(0, Der.octets(carriedContent)));
                byte[] signed = Der.seq(
                        Der.integer(BigInteger.ONE),
                        Der.set(Der.seq(Der.oid(SHA256))),
                        encapsulated,
                        certificates,
                        Der.set(signerInfo));
                return Der.seq(Der.oid(SIGNED_DATA), Der.explicit(0, signed));
            }
            int half = carriedContent.length / 2;
            byte[] segments = Der.indefinite(
                    0x24,
                    Der.octets(Arrays.copyOfRange(carriedContent, 0, half)),
                    Der.octets(Arrays.copyOfRange(carriedContent, half, carriedContent.length)));
            byte[] encapsulated = Der.indefinite(0x30, Der.oid(DATA), Der.indefinite(0xA0, segments));
            byte[] signed = Der.indefinite(
                    0x30,
                    Der.integer(BigInteger.ONE),
                    Der.set(Der.seq(Der.oid(SHA256))),
                    encapsulated,
                    certificates,
                    Der.set(signerInfo));
            return Der.indefinite(0x30, Der.oid(SIGNED_DATA), Der.indefinite(0xA0, signed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ContentInfo with compressed-data (RFC 3274): the content zlib-compressed. */
    static byte[] compressedData(byte[] content) {
        java.io.ByteArrayOutputStream zlib = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream out = new java.util.zip.DeflaterOutputStream(zlib)) {
            out.write(content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        byte[] compressed = Der.seq(
                Der.integer(BigInteger.ZERO),
                Der.seq(Der.oid("1.2.840.113549.1.9.16.3.8")),
                Der.seq(Der.oid(DATA), Der.explicit(0, Der.octets(zlib.toByteArray()))));
        return Der.seq(Der.oid("1.2.840.113549.1.9.16.1.9"), Der.explicit(0, compressed));
    }

    /** ContentInfo with enveloped-data: a recipient list and encrypted bytes no key here opens. */
    static byte[] envelopedData() {
        byte[] encrypted = new byte[64];
        new java.util.Random(9).nextBytes(encrypted);
        byte[] enveloped = Der.seq(
                Der.integer(BigInteger.ZERO),
                Der.set(),
                Der.seq(Der.oid(DATA), Der.seq(Der.oid("2.16.840.1.101.3.4.1.42")), Der.implicitOctets(0, encrypted)));
        return Der.seq(Der.oid(ENVELOPED_DATA), Der.explicit(0, enveloped));
    }

    private static byte[] sign(String algorithm, KeyPair keys, byte[] data) throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm);
        s.initSign(keys.getPrivate());
        s.update(data);
        return s.sign();
    }

    /** A DER writer for the few types CMS and X.509 need. */
    static final class Der {
        private Der() {}

        static byte[] tagged(int tag, byte[]... contents) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (byte[] c : contents) body.writeBytes(c);
            int n = body.size();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            if (n < 0x80) {
                out.write(n);
            } else if (n < 0x100) {
                out.write(0x81);
                out.write(n);
            } else if (n < 0x10000) {
                out.write(0x82);
                out.write(n >> 8);
                out.write(n);
            } else {
                out.write(0x83);
                out.write(n >> 16);
                out.write(n >> 8);
                out.write(n);
            }
            out.writeBytes(body.toByteArray());
            return out.toByteArray();
        }

        static byte[] indefinite(int tag, byte[]... contents) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            out.write(0x80);
            for (byte[] c : contents) out.writeBytes(c);
            out.write(0);
            out.write(0);
            return out.toByteArray();
        }

        static byte[] seq(byte[]... contents) {
            return tagged(0x30, contents);
        }

        static byte[] set(byte[]... contents) {
            return tagged(0x31, contents);
        }

        static byte[] explicit(int number, byte[] content) {
            return tagged(0xA0 | number, content);
        }

        static byte[] implicitOctets(int number, byte[] content) {
            return tagged(0x80 | number, content);
        }

        static byte[] integer(BigInteger value) {
            return tagged(0x02, value.toByteArray());
        }

        static byte[] octets(byte[] value) {
            return tagged(0x04, value);
        }

        static byte[] bitString(byte[] value) {
            byte[] withUnused = new byte[value.length + 1];
            System.arraycopy(value, 0, withUnused, 1, value.length);
            return tagged(0x03, withUnused);
        }

        static byte[] utf8(String s) {
            return tagged(0x0C, s.getBytes(StandardCharsets.UTF_8));
        }

        static byte[] utcTime(String s) {
            return tagged(0x17, s.getBytes(StandardCharsets.US_ASCII));
        }

        static byte[] oid(String dotted) {
            String[] arcs = dotted.split("\\.");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
            for (int i = 2; i < arcs.length; i++) base128(out, Long.parseLong(arcs[i]));
            return tagged(0x06, out.toByteArray());
        }

        private static void base128(ByteArrayOutputStream out, long value) {
            int groups = 1;
            for (long v = value >>> 7; v != 0; v >>>= 7) groups++;
            for (int i = groups - 1; i >= 0; i--) {
                int b = (int) ((value >>> (7 * i)) & 0x7f);
                out.write(i == 0 ? b : b | 0x80);
            }
        }
    }
}
