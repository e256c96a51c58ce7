package io.raftkv.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}, or plain seconds. */
public final class DurationParser implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)?");

    @Override
    public Duration convert(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException invalid) {
            throw new CommandLine.TypeConversionException(invalid.getMessage());
        }
    }

    static Duration parse(String text) {
        Matcher matcher = DURATION.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration: use e.g. 500ms, 30s, 5m, 1h, 2d or plain seconds");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalStateException("the pattern admits no unit " + unit);
        };
    }

    /** Whole seconds, for TTLs: the store counts them in seconds, so a fraction would be silently lost. */
    static long wholeSeconds(Duration duration, String setting) {
        if (duration.toMillisPart() != 0) {
            throw new IllegalArgumentException(setting + " must be whole seconds, was " + duration.toMillis() + "ms");
        }
        return duration.toSeconds();
    }
}
