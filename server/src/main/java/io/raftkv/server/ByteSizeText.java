package io.raftkv.server;

import java.util.Locale;

/** Byte counts as people read them in messages: "12 MiB", "1.5 GiB", "300 bytes". */
public final class ByteSizeText {
    private static final long KIBIBYTE = 1024;
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private ByteSizeText() {
    }

    /** One decimal at most, dropped when it is zero; binary units. */
    public static String describe(long bytes) {
        if (bytes < KIBIBYTE) {
            return bytes + " bytes";
        }
        double value = bytes;
        int unit = -1;
        while (value >= KIBIBYTE && unit < UNITS.length - 1) {
            value /= KIBIBYTE;
            unit++;
        }
        String number = String.format(Locale.ROOT, "%.1f", Math.floor(value * 10) / 10);
        return (number.endsWith(".0") ? number.substring(0, number.length() - 2) : number) + " " + UNITS[unit];
    }
}
