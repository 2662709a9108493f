package dev.prefilter.engine.container.disk;

/**
 * One partition of a partitioned disk.
 *
 * @param scheme "mbr" or "gpt"
 * @param type the MBR type byte as hex, or the GPT type GUID
 */
public record Partition(int index, String scheme, String type, long offset, long length) {}
