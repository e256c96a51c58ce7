package io.raftkv.torture.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Text made safe for HTML, and numbers formatted the way the report page shows them. */
final class HtmlText {
    private static final int SECONDS_DECIMALS = 3;
    private static final int NANOS_PER_SECOND_DIGITS = 9;

    private HtmlText() {
    }

    /**
     * Escapes the five characters that HTML treats specially, so that the text is safe both as element content and
     * inside a quoted attribute. Verdict texts and fault descriptions come from the run and may hold anything.
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int position = 0; position < text.length(); position++) {
            char character = text.charAt(position);
            switch (character) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(character);
            }
        }
        return escaped.toString();
    }

    /** Nanoseconds as seconds with three decimals: 1234567890 becomes {@code 1.235}. */
    static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos).movePointLeft(NANOS_PER_SECOND_DIGITS)
                .setScale(SECONDS_DECIMALS, RoundingMode.HALF_UP).toPlainString();
    }
}
