package dev.prefilter.engine;

/** Where a scan is, readable from the thread that waits for it. */
final class ScanProgress {

    private volatile String currentPath;

    void at(String path) {
        currentPath = path;
    }

    String currentPath() {
        return currentPath;
    }
}
