package dev.prefilter.engine.office.crypto;

/**
 * What encryption a document uses.
 *
 * @param format ooxml, xls, doc or ppt
 * @param method agile, standard, rc4, cryptoapi, xor or unknown
 */
public record EncryptedDocument(String format, String method) {}
