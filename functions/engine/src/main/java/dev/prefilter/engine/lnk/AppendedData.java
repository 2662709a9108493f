package dev.prefilter.engine.lnk;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Bytes after the terminal block: where they start, how many, and their SHA-256. */
@JsonPropertyOrder({"offset", "size", "sha256"})
public record AppendedData(long offset, long size, String sha256) {}
