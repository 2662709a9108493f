package dev.prefilter.review.cli;

import dev.prefilter.review.ReviewError;
import dev.prefilter.review.ReviewException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** {@code --since}: a date ({@code 2026-11-26}, midnight UTC), an instant ({@code 2026-11-26T09:30:00Z}) or an age ({@code 7d}, {@code 12h}). */
final class Dates implements CommandLine.ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        String v = value.trim();
        try {
            if (v.matches("\\d+[dhm]")) {
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                Duration age = switch (v.charAt(v.length() - 1)) {
                    case 'd' -> Duration.ofDays(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofMinutes(n);
                };
                return Instant.now().minus(age);
            }
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new ReviewException(
                    ReviewError.USAGE, "not a date: '" + value + "' (2026-11-26, 2026-11-26T09:30:00Z, 7d or 12h)");
        }
    }
}
