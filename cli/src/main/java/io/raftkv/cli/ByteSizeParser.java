package io.raftkv.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as people type them: plain bytes ({@code 1048576}), or a whole number with a binary unit ({@code 64KiB},
 * {@code 256MiB}, {@code 1GiB}, {@code 2TiB}). The short forms K, M, G, T (with or without a trailing B) mean the same
 * binary units, as in {@code df -h}; case does not matter.
 */
final class ByteSizeParser {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*([kmgt]i?b?|b)?");
    private static final String EXAMPLES = "use e.g. 1048576, 64KiB, 256MiB or 1GiB";

    private ByteSizeParser() {
    }

    static long parse(String text) {
        Matcher matcher = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size: " + EXAMPLES);
        }
        long amount;
        try {
            amount = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException tooLarge) {
            throw new IllegalArgumentException("'" + text + "' is too large", tooLarge);
        }
        int shift = matcher.group(2) == null ? 0 : switch (matcher.group(2).charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        if (amount > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return amount << shift;
    }
}
