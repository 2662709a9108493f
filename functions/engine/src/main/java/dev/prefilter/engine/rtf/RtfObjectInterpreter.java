package dev.prefilter.engine.rtf;

import dev.prefilter.engine.office.ole.MalformedObjectException;
import dev.prefilter.engine.office.ole.OleClassIds;
import dev.prefilter.engine.office.ole.OleObject;
import dev.prefilter.engine.office.ole.OlePackageParser;
import dev.prefilter.engine.office.ole.OleStorageScanner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads what one RTF object is, as the OLE objects the rest of the engine understands: the OLE1
 * header is unwrapped, a {@code Package} becomes a package, OLE2 native data is scanned like any
 * embedded OLE2 file (documents, Equation Editor, OLE2Link monikers), a linked OLE1 object is a
 * link. Equation Editor is also recognised by class name and by its class id anywhere in the data.
 */
final class RtfObjectInterpreter {

    /** The OLE objects, plus why the object data could not be read as OLE (null when it could). */
    record Reading(List<OleObject> objects, String malformed) {}

    private final OleStorageScanner scanner;

    RtfObjectInterpreter(OleStorageScanner scanner) {
        this.scanner = scanner;
    }

    Reading read(RtfObject object) throws IOException {
        String location = "object " + object.index();
        List<OleObject> out = new ArrayList<>();
        String malformed = null;
        String className = object.className();
        byte[] data = object.data();
        if (data.length > 0) {
            try {
                Ole1Object ole1 = Ole1ObjectParser.parse(data);
                if (className == null || className.isBlank()) {
                    className = ole1.className();
                }
                if (isEquation(ole1.className())) {
                    className = ole1.className();
                }
                out.addAll(unwrap(location, ole1, object.has("objupdate")));
                if (ole1.truncated()) {
                    malformed = "OLE 1.0 native data size runs past the object data";
                }
            } catch (MalformedObjectException e) {
                if (OleStorageScanner.isOle2(data)) {
                    out.addAll(scanner.scanBlob(location, data));
                } else if (link(object)) {
                    // Word writes a link object's header only up to its class name: the link is what matters,
                    // and whatever bytes there are are still typed by the engine
                    out.add(new OleObject.LinkedObject(location, null, object.has("objupdate")));
                    out.add(new OleObject.EmbeddedDocument(location, "raw", data));
                } else {
                    malformed = e.getMessage();
                    out.add(new OleObject.EmbeddedDocument(location, "raw", data));
                }
            }
        }
        if (link(object) && out.stream().noneMatch(o -> o instanceof OleObject.LinkedObject)) {
            out.add(new OleObject.LinkedObject(location, null, object.has("objupdate")));
        }
        boolean equationListed = out.stream().anyMatch(o -> o instanceof OleObject.EquationEditor);
        if (!equationListed) {
            if (isEquation(className)) {
                out.add(new OleObject.EquationEditor(location, "class name " + className));
            } else if (OleClassIds.containsEquationClassId(data)) {
                out.add(new OleObject.EquationEditor(location, "class id in the object data"));
            }
        }
        return new Reading(out, malformed);
    }

    private List<OleObject> unwrap(String location, Ole1Object ole1, boolean updates) throws IOException {
        if (ole1.linked()) {
            return List.of(new OleObject.LinkedObject(location, ole1.topic(), updates));
        }
        byte[] nativeData = ole1.nativeData();
        if (nativeData.length == 0) {
            return List.of();
        }
        if ("package".equalsIgnoreCase(ole1.className().strip())
                && OlePackageParser.looksLikePackage(nativeData, false)) {
            try {
                return List.of(new OleObject.PackageObject(location, OlePackageParser.parse(nativeData, false)));
            } catch (MalformedObjectException e) {
                return List.of(new OleObject.MalformedPackage(location, e.getMessage(), nativeData));
            }
        }
        return scanner.scanBlob(location, nativeData);
    }

    /** Whether the RTF itself says the object is linked ({@code \objlink}, {@code \objautlink}). */
    private static boolean link(RtfObject object) {
        return object.has("objautlink") || object.has("objlink");
    }

    static boolean isEquation(String className) {
        return className != null && className.strip().toLowerCase(Locale.ROOT).startsWith("equation.3");
    }
}
