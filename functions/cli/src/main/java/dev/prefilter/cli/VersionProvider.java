package dev.prefilter.cli;

import dev.prefilter.engine.ScanEngine;
import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {ScanEngine.VERSION, "report schema " + dev.prefilter.engine.report.Report.SCHEMA};
    }
}
