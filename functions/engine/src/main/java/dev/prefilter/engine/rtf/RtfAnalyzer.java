package dev.prefilter.engine.rtf;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.office.OfficeTypes;
import dev.prefilter.engine.office.ole.OleObject;
import dev.prefilter.engine.office.ole.OleObjectReporter;
import dev.prefilter.engine.office.ole.OleStorageScanner;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import org.apache.poi.util.RecordFormatException;

/**
 * Looks inside RTF documents for embedded objects: each {@code \objdata} is decoded and read as
 * an OLE object (packages and documents become children, Equation Editor and links are named),
 * and objects that update themselves when the document opens ({@code \objupdate}) are reported.
 */
public final class RtfAnalyzer implements Analyzer {

    @Override
    public String name() {
        return "rtf";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return "application/rtf".equals(OfficeTypes.base(node));
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        long max = ctx.limits().maxInMemoryParse();
        if (ctx.content().size() > max) {
            ctx.report(Finding.of(
                            "limit.rtf-size",
                            Severity.HIGH,
                            "the RTF document is larger than the in-memory bound; its objects were not inspected")
                    .with("size", ctx.content().size())
                    .with("limit", max)
                    .build());
            return;
        }
        RtfObjectScanner.Result result =
                new RtfObjectScanner(max, ctx::checkTime).scan(ctx.content().readAll(max));
        if (result.truncated()) {
            ctx.report(Finding.of(
                            "limit.rtf-object-data",
                            Severity.HIGH,
                            "the RTF object data expands past the in-memory bound; the rest was not decoded")
                    .with("limit", max)
                    .build());
        }
        if (result.tooMany()) {
            ctx.report(Finding.of(
                            "limit.rtf-object-count",
                            Severity.HIGH,
                            "the RTF document holds more than " + RtfObjectScanner.MAX_OBJECTS
                                    + " objects; the rest were not decoded")
                    .with("limit", RtfObjectScanner.MAX_OBJECTS)
                    .build());
        }
        RtfObjectInterpreter interpreter = new RtfObjectInterpreter(new OleStorageScanner(max, ctx::checkTime));
        List<Map<String, Object>> oleFacts = new ArrayList<>();
        OleObjectReporter reporter = new OleObjectReporter(ctx, oleFacts);
        List<Map<String, Object>> rtfFacts = new ArrayList<>();
        for (RtfObject object : result.objects()) {
            ctx.checkTime();
            rtfFacts.add(fact(object));
            if (object.has("objupdate")) {
                ctx.report(Finding.of(
                                "rtf.object-autoupdate",
                                Severity.MEDIUM,
                                "an embedded object updates itself when the document opens (\\objupdate), "
                                        + "as exploit documents require")
                        .with("object", object.index())
                        .with("className", Evidence.text(object.className()))
                        .build());
            }
            RtfObjectInterpreter.Reading reading;
            try {
                reading = interpreter.read(object);
            } catch (IOException
                    | RecordFormatException
                    | IllegalArgumentException
                    | IllegalStateException
                    | IndexOutOfBoundsException
                    | NegativeArraySizeException
                    | BufferUnderflowException
                    | NoSuchElementException e) {
                ctx.report(Finding.of(
                                "parse.rtf-object",
                                Severity.HIGH,
                                "an RTF object could not be read as OLE; it is not inspected")
                        .with("object", object.index())
                        .withError(e)
                        .build());
                continue;
            }
            if (reading.malformed() != null) {
                ctx.report(Finding.of(
                                "parse.rtf-object",
                                Severity.HIGH,
                                "RTF object data is not a well-formed OLE object (a trait of "
                                        + "exploit documents); the raw data is analysed")
                        .with("object", object.index())
                        .with("error", Evidence.text(reading.malformed()))
                        .build());
            }
            for (OleObject o : reading.objects()) {
                reporter.report(o);
            }
        }
        if (!rtfFacts.isEmpty()) {
            ctx.fact("rtfObjects", rtfFacts);
        }
        if (!oleFacts.isEmpty()) {
            ctx.fact("oleObjects", oleFacts);
        }
    }

    private static Map<String, Object> fact(RtfObject object) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("index", object.index());
        if (object.className() != null) {
            f.put("className", Evidence.text(object.className()));
        }
        f.put("controls", new TreeSet<>(object.controls()));
        f.put("dataBytes", object.data().length);
        f.put("offset", object.offset());
        return f;
    }
}
