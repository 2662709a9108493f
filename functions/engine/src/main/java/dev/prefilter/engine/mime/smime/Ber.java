package dev.prefilter.engine.mime.smime;

import dev.prefilter.engine.binary.Bytes;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded reader of ASN.1 BER (and so DER), enough for CMS (RFC 5652): tag and length octets,
 * definite and indefinite lengths, constructed strings. Works on an array the caller already
 * bounded; nesting deeper than {@link #MAX_DEPTH} and lengths past the data are errors, never
 * allocations.
 */
final class Ber {

    static final int SEQUENCE = 0x10;
    static final int SET = 0x11;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int INTEGER = 0x02;
    static final int CLASS_UNIVERSAL = 0;
    static final int CLASS_CONTEXT = 2;
    private static final int MAX_DEPTH = 64;

    /** Thrown for input that is not well-formed BER. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    /**
     * One element.
     *
     * @param start offset of its first tag octet
     * @param valueStart offset of its contents
     * @param valueEnd end of its contents (before the end-of-contents octets of an indefinite length)
     * @param end offset after the whole element
     */
    record Element(
            byte[] data,
            int tagClass,
            boolean constructed,
            int tagNumber,
            int start,
            int valueStart,
            int valueEnd,
            int end,
            boolean indefinite) {

        boolean is(int tagClassWanted, int number) {
            return tagClass == tagClassWanted && tagNumber == number;
        }

        boolean isUniversal(int number) {
            return is(CLASS_UNIVERSAL, number);
        }

        boolean isContext(int number) {
            return is(CLASS_CONTEXT, number);
        }

        /** The element's own encoding, tag to end. */
        byte[] encoded() {
            return java.util.Arrays.copyOfRange(data, start, end);
        }

        List<Element> children() throws MalformedException {
            return Ber.children(this, 0);
        }

        /** The contents of a string type, joined from its segments when it is constructed (BER). */
        byte[] octets() throws MalformedException {
            if (!constructed) return java.util.Arrays.copyOfRange(data, valueStart, valueEnd);
            ByteArrayOutputStream out = new ByteArrayOutputStream(valueEnd - valueStart);
            collect(this, out, 0);
            return out.toByteArray();
        }

        String oid() throws MalformedException {
            if (!isUniversal(OID) || constructed || valueEnd == valueStart) {
                throw new MalformedException("expected an OBJECT IDENTIFIER at " + start);
            }
            StringBuilder s = new StringBuilder();
            long value = 0;
            boolean first = true;
            for (int i = valueStart; i < valueEnd; i++) {
                int b = Bytes.u8(data, i);
                if (value > (Long.MAX_VALUE >> 7)) throw new MalformedException("OBJECT IDENTIFIER arc too large");
                value = (value << 7) | (b & 0x7f);
                if ((b & 0x80) == 0) {
                    if (first) {
                        long top = Math.min(value / 40, 2);
                        s.append(top).append('.').append(value - top * 40);
                        first = false;
                    } else {
                        s.append('.').append(value);
                    }
                    value = 0;
                }
            }
            return s.toString();
        }

        BigInteger integer() throws MalformedException {
            if (!isUniversal(INTEGER) || constructed || valueEnd == valueStart) {
                throw new MalformedException("expected an INTEGER at " + start);
            }
            return new BigInteger(java.util.Arrays.copyOfRange(data, valueStart, valueEnd));
        }
    }

    private Ber() {}

    static Element read(byte[] data) throws MalformedException {
        return read(data, 0, data.length, 0);
    }

    static Element read(byte[] d, int at, int limit, int depth) throws MalformedException {
        if (depth > MAX_DEPTH) throw new MalformedException("nesting deeper than " + MAX_DEPTH + " levels");
        if (at >= limit) throw new MalformedException("data ends where an element should start (" + at + ")");
        int pos = at;
        int first = Bytes.u8(d, pos++);
        int tagClass = first >>> 6;
        boolean constructed = (first & 0x20) != 0;
        int number = first & 0x1f;
        if (number == 0x1f) {
            number = 0;
            int b;
            do {
                if (pos >= limit) throw new MalformedException("tag runs past the data at " + at);
                b = Bytes.u8(d, pos++);
                if (number > (Integer.MAX_VALUE >> 7)) throw new MalformedException("tag number too large at " + at);
                number = (number << 7) | (b & 0x7f);
            } while ((b & 0x80) != 0);
        }
        if (pos >= limit) throw new MalformedException("length runs past the data at " + at);
        int lengthOctet = Bytes.u8(d, pos++);
        if (lengthOctet == 0x80) {
            if (!constructed) throw new MalformedException("indefinite length on a primitive element at " + at);
            int valueStart = pos;
            int cursor = pos;
            while (true) {
                if (cursor + 2 <= limit && d[cursor] == 0 && d[cursor + 1] == 0) {
                    return new Element(d, tagClass, true, number, at, valueStart, cursor, cursor + 2, true);
                }
                cursor = read(d, cursor, limit, depth + 1).end();
            }
        }
        long length;
        if ((lengthOctet & 0x80) == 0) {
            length = lengthOctet;
        } else {
            int count = lengthOctet & 0x7f;
            if (count > 4) throw new MalformedException("length of " + count + " octets at " + at);
            length = 0;
            for (int i = 0; i < count; i++) {
                if (pos >= limit) throw new MalformedException("length runs past the data at " + at);
                length = (length << 8) | Bytes.u8(d, pos++);
            }
        }
        if (length > limit - pos) {
            throw new MalformedException(
                    "element at " + at + " declares " + length + " bytes, " + (limit - pos) + " remain");
        }
        int end = pos + (int) length;
        return new Element(d, tagClass, constructed, number, at, pos, end, end, false);
    }

    private static List<Element> children(Element e, int depth) throws MalformedException {
        if (!e.constructed()) throw new MalformedException("element at " + e.start() + " has no children");
        List<Element> out = new ArrayList<>();
        int at = e.valueStart();
        while (at < e.valueEnd()) {
            Element child = read(e.data(), at, e.valueEnd(), depth + 1);
            out.add(child);
            at = child.end();
        }
        return out;
    }

    private static void collect(Element e, ByteArrayOutputStream out, int depth) throws MalformedException {
        if (depth > MAX_DEPTH) throw new MalformedException("string segments nested deeper than " + MAX_DEPTH);
        if (!e.constructed()) {
            out.write(e.data(), e.valueStart(), e.valueEnd() - e.valueStart());
            return;
        }
        for (Element segment : children(e, depth)) collect(segment, out, depth + 1);
    }
}
