package dev.prefilter.engine.office.ole;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.poi.hslf.record.ExOleObjStg;
import org.apache.poi.hslf.usermodel.HSLFObjectData;
import org.apache.poi.hslf.usermodel.HSLFSlideShowImpl;
import org.apache.poi.poifs.filesystem.DirectoryNode;

/**
 * The objects of a PowerPoint 97-2003 file, which are not storages but ExOleObjStg records inside
 * the {@code PowerPoint Document} stream (zlib-compressed OLE2 files). POI's HSLF finds them; the
 * inflated bytes are read here through a bound, so a small record cannot expand without limit,
 * and handed on one at a time.
 */
final class PowerPointObjects {

    /** One object's bytes, or its size when it is over the bound. */
    record Blob(String location, byte[] bytes, long oversizedAt) {}

    private PowerPointObjects() {}

    /** What is done with each object as soon as it is inflated, so that only one is held at a time. */
    interface BlobSink {
        void accept(Blob blob) throws IOException;
    }

    static void read(DirectoryNode root, long maxBytes, Runnable checkTime, BlobSink sink) throws IOException {
        try (HSLFSlideShowImpl show = new HSLFSlideShowImpl(root)) {
            HSLFObjectData[] objects = show.getEmbeddedObjects();
            for (int i = 0; i < objects.length; i++) {
                checkTime.run();
                ExOleObjStg storage = objects[i].getExOleObjStg();
                String location = "PowerPoint Document/ExOleObjStg " + storage.getPersistId();
                try (InputStream in = storage.getData()) {
                    byte[] bytes = readBounded(in, maxBytes);
                    sink.accept(bytes == null ? new Blob(location, null, maxBytes) : new Blob(location, bytes, -1));
                }
            }
        }
    }

    private static byte[] readBounded(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
