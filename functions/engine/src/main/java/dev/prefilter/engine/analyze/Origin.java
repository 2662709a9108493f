package dev.prefilter.engine.analyze;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a node came to be: it decides, for example, whether an executable is one click away. */
public enum Origin {
    /** The scanned input itself. */
    INPUT,
    /** A MIME part of a mail (attachment, inline part or body). */
    MIME_PART,
    /** A member of an archive or disk image that a user extracts and opens. */
    ARCHIVE_MEMBER,
    /** The single stream inside gzip, bzip2, xz and the like. */
    DECOMPRESSED,
    /** The plaintext of an encrypted document. */
    DECRYPTED,
    /** An object embedded in a document (OLE package, OneNote file, TNEF/MSG attachment). */
    EMBEDDED,
    /** Bytes found after the end of a file's own structure. */
    APPENDED,
    /** Data decoded from text (uuencode, base64 in a script). */
    DECODED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether a user gets this node as a file they can double-click. */
    public boolean userFacingFile() {
        return this == INPUT
                || this == MIME_PART
                || this == ARCHIVE_MEMBER
                || this == DECOMPRESSED
                || this == DECRYPTED
                || this == EMBEDDED
                || this == DECODED;
    }
}
