package dev.prefilter.review;

import java.util.Set;

/**
 * One indicator found in quarantined mails.
 *
 * @param type {@code sha256}, {@code url}, {@code domain}, {@code ipv4}, {@code ipv6}, {@code mac} or
 *     {@code lnk-machine-id} (the NetBIOS name of the machine a shortcut was made on)
 * @param records the ids of the records it was found in
 */
public record Ioc(String type, String value, Set<String> records) {}
