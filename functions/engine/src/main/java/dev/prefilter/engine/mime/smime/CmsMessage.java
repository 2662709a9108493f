package dev.prefilter.engine.mime.smime;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a CMS ContentInfo (RFC 5652, RFC 3274) that matter to a mail filter: its content
 * type and, for the types that carry their content in the clear (signed-data, compressed-data,
 * digested-data), the encapsulated content; for signed-data also the certificates and each
 * signer's identifier, algorithms, signed attributes and signature. Nothing is verified or
 * decompressed here ({@link SignerCheck}, the analyzer do that).
 */
record CmsMessage(
        String contentType, String encapsulatedType, byte[] content, List<byte[]> certificates, List<Signer> signers) {

    static final String SIGNED_DATA = "1.2.840.113549.1.7.2";
    static final String COMPRESSED_DATA = "1.2.840.113549.1.9.16.1.9";
    static final String DIGESTED_DATA = "1.2.840.113549.1.7.5";
    /** The one compression algorithm CMS defines (RFC 3274). */
    static final String ZLIB = "1.2.840.113549.1.9.16.3.8";

    private static final java.util.Map<String, String> CONTENT_TYPES = java.util.Map.of(
            "1.2.840.113549.1.7.1",
            "data",
            SIGNED_DATA,
            "signedData",
            "1.2.840.113549.1.7.3",
            "envelopedData",
            "1.2.840.113549.1.7.5",
            "digestedData",
            "1.2.840.113549.1.7.6",
            "encryptedData",
            "1.2.840.113549.1.9.16.1.2",
            "authData",
            "1.2.840.113549.1.9.16.1.9",
            "compressedData",
            "1.2.840.113549.1.9.16.1.23",
            "authEnvelopedData");
    private static final String MESSAGE_DIGEST = "1.2.840.113549.1.9.4";
    private static final String SIGNING_TIME = "1.2.840.113549.1.9.5";
    private static final int MAX_CERTIFICATES = 64;
    private static final int MAX_SIGNERS = 16;

    /**
     * One SignerInfo.
     *
     * @param issuer the issuer Name's encoding, when the signer is identified by issuer and serial number
     * @param subjectKeyId the subject key identifier, when the signer is identified by it
     * @param signedAttributes the signed attributes re-tagged as the SET OF that was signed, or null
     * @param signedAttributesDer whether those attributes were DER (definite lengths), as signing requires
     * @param messageDigest the messageDigest attribute, or null
     * @param signingTime the signingTime attribute as written (UTCTime/GeneralizedTime text), or null
     */
    record Signer(
            byte[] issuer,
            BigInteger serial,
            byte[] subjectKeyId,
            String digestAlgorithm,
            byte[] signedAttributes,
            boolean signedAttributesDer,
            byte[] messageDigest,
            String signingTime,
            String signatureAlgorithm,
            byte[] signatureParameters,
            byte[] signature) {}

    /** A content type's name in RFC 5652 ({@code envelopedData}), or its OID when it has none here. */
    static String name(String oid) {
        return oid == null ? null : CONTENT_TYPES.getOrDefault(oid, oid);
    }

    /** Content is null for a detached signature (no eContent). */
    boolean detached() {
        return content == null;
    }

    /**
     * Reads the ContentInfo. Types whose content is encrypted (or unknown here) come back with their
     * content type only; for compressed-data, {@code content} is the still compressed zlib data.
     */
    static CmsMessage parse(byte[] der) throws Ber.MalformedException {
        Ber.Element info = Ber.read(der);
        List<Ber.Element> top = sequence(info, "ContentInfo");
        if (top.isEmpty()) throw new Ber.MalformedException("empty ContentInfo");
        String type = top.get(0).oid();
        if (!SIGNED_DATA.equals(type) && !COMPRESSED_DATA.equals(type) && !DIGESTED_DATA.equals(type)) {
            return new CmsMessage(type, null, null, List.of(), List.of());
        }
        if (top.size() < 2 || !top.get(1).isContext(0))
            throw new Ber.MalformedException(name(type) + " without content");
        List<Ber.Element> explicit = top.get(1).children();
        if (explicit.isEmpty()) throw new Ber.MalformedException(name(type) + " without content");
        List<Ber.Element> fields = sequence(explicit.get(0), name(type));
        if (COMPRESSED_DATA.equals(type)) {
            // version, compressionAlgorithm, encapContentInfo
            if (fields.size() < 3) throw new Ber.MalformedException("CompressedData has " + fields.size() + " fields");
            String algorithm = algorithm(fields.get(1)).get(0).oid();
            if (!ZLIB.equals(algorithm)) throw new Ber.MalformedException("compression algorithm " + algorithm);
            Encapsulated e = encapsulated(fields.get(2));
            return new CmsMessage(type, e.type(), e.content(), List.of(), List.of());
        }
        if (DIGESTED_DATA.equals(type)) {
            // version, digestAlgorithm, encapContentInfo, digest
            if (fields.size() < 3) throw new Ber.MalformedException("DigestedData has " + fields.size() + " fields");
            Encapsulated e = encapsulated(fields.get(2));
            return new CmsMessage(type, e.type(), e.content(), List.of(), List.of());
        }
        // version, digestAlgorithms, encapContentInfo, [0] certificates, [1] crls, signerInfos
        if (fields.size() < 4) throw new Ber.MalformedException("SignedData has " + fields.size() + " fields");
        Encapsulated e = encapsulated(fields.get(2));
        String encapsulatedType = e.type();
        byte[] content = e.content();
        List<byte[]> certificates = new ArrayList<>();
        List<Signer> signers = new ArrayList<>();
        for (Ber.Element field : fields.subList(3, fields.size())) {
            if (field.isContext(0) && field.constructed()) {
                for (Ber.Element cert : field.children()) {
                    if (cert.isUniversal(Ber.SEQUENCE) && certificates.size() < MAX_CERTIFICATES) {
                        certificates.add(cert.encoded());
                    }
                }
            } else if (field.isUniversal(Ber.SET)) {
                for (Ber.Element signerInfo : field.children()) {
                    if (signers.size() >= MAX_SIGNERS) break;
                    signers.add(signer(signerInfo));
                }
            }
        }
        return new CmsMessage(type, encapsulatedType, content, List.copyOf(certificates), List.copyOf(signers));
    }

    private record Encapsulated(String type, byte[] content) {}

    /** EncapsulatedContentInfo: the content's type and its octets, null when absent (a detached signature). */
    private static Encapsulated encapsulated(Ber.Element e) throws Ber.MalformedException {
        List<Ber.Element> encap = sequence(e, "EncapsulatedContentInfo");
        if (encap.isEmpty()) throw new Ber.MalformedException("empty EncapsulatedContentInfo");
        byte[] content = null;
        if (encap.size() > 1 && encap.get(1).isContext(0)) {
            List<Ber.Element> eContent = encap.get(1).children();
            if (!eContent.isEmpty()) content = eContent.get(0).octets();
        }
        return new Encapsulated(encap.get(0).oid(), content);
    }

    private static Signer signer(Ber.Element signerInfo) throws Ber.MalformedException {
        List<Ber.Element> f = sequence(signerInfo, "SignerInfo");
        // version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature, [1] unsignedAttrs
        if (f.size() < 5) throw new Ber.MalformedException("SignerInfo has " + f.size() + " fields");
        byte[] issuer = null;
        BigInteger serial = null;
        byte[] subjectKeyId = null;
        Ber.Element sid = f.get(1);
        if (sid.isUniversal(Ber.SEQUENCE)) {
            List<Ber.Element> issuerAndSerial = sid.children();
            if (issuerAndSerial.size() < 2) throw new Ber.MalformedException("IssuerAndSerialNumber is incomplete");
            issuer = issuerAndSerial.get(0).encoded();
            serial = issuerAndSerial.get(1).integer();
        } else if (sid.isContext(0)) {
            subjectKeyId = sid.octets();
        }
        String digest = algorithm(f.get(2)).get(0).oid();
        int next = 3;
        byte[] signedAttributes = null;
        boolean der = true;
        byte[] messageDigest = null;
        String signingTime = null;
        if (f.get(next).isContext(0)) {
            Ber.Element attrs = f.get(next++);
            signedAttributes = attrs.encoded();
            signedAttributes[0] = 0x31; // [0] IMPLICIT SET OF is signed as the universal SET OF
            der = !attrs.indefinite() && definiteThroughout(attrs);
            for (Ber.Element attribute : attrs.children()) {
                List<Ber.Element> a = attribute.children();
                if (a.size() < 2 || !a.get(1).isUniversal(Ber.SET)) continue;
                List<Ber.Element> values = a.get(1).children();
                if (values.isEmpty()) continue;
                String oid = a.get(0).oid();
                if (MESSAGE_DIGEST.equals(oid)) {
                    messageDigest = values.get(0).octets();
                } else if (SIGNING_TIME.equals(oid) && !values.get(0).constructed()) {
                    Ber.Element t = values.get(0);
                    signingTime = new String(
                            t.data(),
                            t.valueStart(),
                            t.valueEnd() - t.valueStart(),
                            java.nio.charset.StandardCharsets.US_ASCII);
                }
            }
        }
        if (next + 1 >= f.size()) throw new Ber.MalformedException("SignerInfo ends before its signature");
        List<Ber.Element> signatureAlgorithm = algorithm(f.get(next));
        byte[] parameters =
                signatureAlgorithm.size() > 1 ? signatureAlgorithm.get(1).encoded() : null;
        byte[] signature = f.get(next + 1).octets();
        return new Signer(
                issuer,
                serial,
                subjectKeyId,
                digest,
                signedAttributes,
                der,
                messageDigest,
                signingTime,
                signatureAlgorithm.get(0).oid(),
                parameters,
                signature);
    }

    private static boolean definiteThroughout(Ber.Element e) throws Ber.MalformedException {
        if (e.indefinite()) return false;
        if (!e.constructed()) return true;
        for (Ber.Element child : e.children()) {
            if (!definiteThroughout(child)) return false;
        }
        return true;
    }

    private static List<Ber.Element> algorithm(Ber.Element e) throws Ber.MalformedException {
        List<Ber.Element> parts = sequence(e, "AlgorithmIdentifier");
        if (parts.isEmpty()) throw new Ber.MalformedException("empty AlgorithmIdentifier");
        return parts;
    }

    private static List<Ber.Element> sequence(Ber.Element e, String what) throws Ber.MalformedException {
        if (!e.isUniversal(Ber.SEQUENCE)) throw new Ber.MalformedException(what + " is not a SEQUENCE at " + e.start());
        return e.children();
    }
}
