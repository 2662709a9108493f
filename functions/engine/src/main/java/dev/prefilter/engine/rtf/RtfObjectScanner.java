package dev.prefilter.engine.rtf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds {@code \object} groups and {@code \objdata} destinations in RTF bytes and decodes the
 * object data, as tolerant as oletools' rtfobj: whitespace and any non-hex character inside the
 * hex are skipped, control words inside it are ignored, {@code \binN} raw runs are stepped over,
 * ignorable destinations ({@code {\*\…}}) nested in the data are dropped as Word drops them, and
 * an odd final nibble is discarded. An {@code \objdata} outside an {@code \object} group still
 * counts: Word honours it and exploit documents rely on that.
 */
public final class RtfObjectScanner {

    private static final Charset ANSI = Charset.forName("windows-1252");
    private static final Set<String> OBJECT_CONTROLS =
            Set.of("objemb", "objlink", "objautlink", "objsub", "objpub", "objicemb", "objhtml", "objocx", "objupdate");
    public static final int MAX_OBJECTS = 1_000;
    private static final int MAX_CONTROL_WORD = 32;
    private static final int CLASS_NAME_MAX = 256;

    private final long maxDecoded;
    private final Runnable checkTime;

    /**
     * @param maxDecoded object data bytes kept in total; decoding stops there and {@link Result#truncated()} says so
     * @param checkTime called every few hundred kilobytes
     */
    public RtfObjectScanner(long maxDecoded, Runnable checkTime) {
        this.maxDecoded = maxDecoded;
        this.checkTime = checkTime;
    }

    /**
     * The objects found, whether the decoded data hit the byte bound, and whether the document had
     * more objects than {@link #MAX_OBJECTS} (the rest are not listed).
     */
    public record Result(List<RtfObject> objects, boolean truncated, boolean tooMany) {}

    public Result scan(byte[] rtf) {
        State s = new State();
        int i = 0;
        int n = rtf.length;
        int nextCheck = 256 * 1024;
        while (i < n && s.objects.size() < MAX_OBJECTS) {
            if (i >= nextCheck) {
                checkTime.run();
                nextCheck = i + 256 * 1024;
            }
            byte b = rtf[i];
            if (b == '{') {
                s.depth++;
                boolean ignorable = i + 2 < n && rtf[i + 1] == '\\' && rtf[i + 2] == '*';
                if (s.dataDepth > 0 && ignorable && s.skipDepth == 0) {
                    s.skipDepth = s.depth;
                }
                i++;
            } else if (b == '}') {
                closeGroup(s);
                i++;
            } else if (b == '\\') {
                i = controlWord(rtf, i, s);
            } else {
                if (s.skipDepth == 0) {
                    if (s.dataDepth > 0) {
                        s.hexDigit(b, maxDecoded);
                    } else if (s.classDepth > 0 && b != '\r' && b != '\n' && s.className.length() < CLASS_NAME_MAX) {
                        s.className.append((char) (b & 0xff));
                    }
                }
                i++;
            }
        }
        while (s.depth > 0) {
            closeGroup(s);
        }
        s.finishObject();
        return new Result(List.copyOf(s.objects), s.truncated, s.objects.size() >= MAX_OBJECTS && i < n);
    }

    private static void closeGroup(State s) {
        if (s.skipDepth == s.depth) {
            s.skipDepth = 0;
        }
        if (s.classDepth == s.depth) {
            s.classDepth = 0;
        }
        if (s.dataDepth == s.depth) {
            s.dataDepth = 0;
            if (s.objectDepth == 0) {
                s.finishObject();
            }
        }
        if (s.objectDepth == s.depth) {
            s.objectDepth = 0;
            s.finishObject();
        }
        if (s.depth > 0) {
            s.depth--;
        }
    }

    /** Reads one control word or symbol at {@code i} (a backslash); returns the index after it. */
    private int controlWord(byte[] rtf, int i, State s) {
        int n = rtf.length;
        int j = i + 1;
        if (j >= n) {
            return n;
        }
        byte c = rtf[j];
        if (!isLetter(c)) {
            if (c == '\''
                    && j + 2 < n
                    && s.classDepth > 0
                    && s.skipDepth == 0
                    && s.className.length() < CLASS_NAME_MAX) {
                int hi = Character.digit(rtf[j + 1], 16);
                int lo = Character.digit(rtf[j + 2], 16);
                if (hi >= 0 && lo >= 0) {
                    s.className.append(new String(new byte[] {(byte) (hi << 4 | lo)}, ANSI));
                }
                return j + 3;
            }
            return c == '\'' ? Math.min(n, j + 3) : j + 1;
        }
        int start = j;
        while (j < n && isLetter(rtf[j]) && j - start < MAX_CONTROL_WORD) {
            j++;
        }
        // only the words this scanner acts on start with 'o' (object…) or 'b' (bin): skip building the rest
        String word = c == 'o' || c == 'b' ? new String(rtf, start, j - start, ANSI) : "";
        while (j < n && isLetter(rtf[j])) {
            j++; // over-long control word: Word reads it as one word; so do we, ignoring the rest
        }
        long param = 0;
        boolean hasParam = false;
        boolean negative = false;
        if (j < n && rtf[j] == '-') {
            negative = true;
            j++;
        }
        int digits = 0;
        while (j < n && rtf[j] >= '0' && rtf[j] <= '9') {
            if (digits < 10) {
                param = param * 10 + (rtf[j] - '0');
            }
            digits++;
            hasParam = true;
            j++;
        }
        if (j < n && rtf[j] == ' ') {
            j++;
        }
        if (negative) {
            param = -param;
        }
        return apply(word, hasParam ? param : -1, j, rtf.length, s);
    }

    private int apply(String word, long param, int next, int length, State s) {
        switch (word) {
            case "bin" -> {
                return param > 0 ? (int) Math.min(length, next + param) : next;
            }
            case "object" -> {
                if (s.skipDepth == 0 || s.skipDepth == s.depth) {
                    s.finishObject();
                    s.objectDepth = s.depth;
                    s.startObject(next);
                }
            }
            case "objclass" -> {
                if (s.current != null || s.objectDepth > 0) {
                    s.ensureObject(next);
                    s.classDepth = s.depth;
                    s.className.setLength(0);
                    if (s.skipDepth == s.depth) {
                        s.skipDepth = 0;
                    }
                }
            }
            case "objdata" -> {
                s.ensureObject(next);
                s.dataDepth = s.depth;
                if (s.skipDepth == s.depth) {
                    s.skipDepth = 0;
                }
            }
            default -> {
                if (OBJECT_CONTROLS.contains(word) && s.objectDepth > 0) {
                    s.controls.add(word);
                }
            }
        }
        return next;
    }

    private static boolean isLetter(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z';
    }

    /** Parser state for one scan. */
    private static final class State {
        final List<RtfObject> objects = new ArrayList<>();
        int depth;
        int objectDepth;
        int dataDepth;
        int classDepth;
        int skipDepth;
        boolean truncated;
        long decodedTotal;
        Pending current;
        final Set<String> controls = new LinkedHashSet<>();
        final StringBuilder className = new StringBuilder();
        int nibble = -1;

        void startObject(long offset) {
            current = new Pending(offset);
            controls.clear();
            className.setLength(0);
            nibble = -1;
        }

        void ensureObject(long offset) {
            if (current == null) {
                startObject(offset);
            }
        }

        void hexDigit(byte b, long max) {
            int v = Character.digit(b, 16);
            if (v < 0 || current == null) {
                return;
            }
            if (nibble < 0) {
                nibble = v;
                return;
            }
            if (decodedTotal >= max) {
                truncated = true;
            } else {
                current.data.write(nibble << 4 | v);
                decodedTotal++;
            }
            nibble = -1;
        }

        void finishObject() {
            if (current == null) {
                return;
            }
            String name = className.toString().strip();
            objects.add(new RtfObject(
                    objects.size() + 1,
                    name.isEmpty() ? null : name,
                    Set.copyOf(controls),
                    current.data.toByteArray(),
                    current.offset));
            current = null;
            controls.clear();
            className.setLength(0);
            nibble = -1;
        }
    }

    private static final class Pending {
        final long offset;
        final ByteArrayOutputStream data = new ByteArrayOutputStream();

        Pending(long offset) {
            this.offset = offset;
        }
    }
}
