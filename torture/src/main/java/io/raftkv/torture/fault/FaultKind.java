package io.raftkv.torture.fault;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of fault the nemesis can inject, as named on the command line ({@code --nemesis kill,pause,...}). */
public enum FaultKind {
    /** SIGKILL of one node, restarted at the end of the fault. */
    KILL,
    /** SIGSTOP of one node, SIGCONT at the end. */
    PAUSE,
    /** The network splits into groups that cannot reach each other. */
    PARTITION,
    /** Every link between nodes drops a share of its packets. */
    LOSS,
    /** Nodes' wall clocks are skewed or stepped. */
    CLOCK;

    /** The word for no fault at all, for runs that only check the workload. */
    public static final String NONE = "none";

    /** The name on the command line and in the fault timeline: {@code kill}, {@code partition}, ... */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Partitions and packet loss need iptables (and nodes on addresses of their own). */
    public boolean needsFirewall() {
        return switch (this) {
            case PARTITION, LOSS -> true;
            case KILL, PAUSE, CLOCK -> false;
        };
    }

    public boolean needsClockControl() {
        return switch (this) {
            case CLOCK -> true;
            case KILL, PAUSE, PARTITION, LOSS -> false;
        };
    }

    /**
     * Parses a comma-separated list such as {@code kill,pause,partition,clock} (case-insensitive, spaces allowed);
     * {@value #NONE} is the empty list. Unknown or repeated names are an {@link IllegalArgumentException} that lists
     * the valid ones.
     */
    public static List<FaultKind> parseList(String text) {
        if (text.strip().equalsIgnoreCase(NONE)) {
            return List.of();
        }
        List<FaultKind> kinds = new ArrayList<>();
        for (String word : text.split(",", -1)) {
            FaultKind kind = parse(word.strip());
            if (kinds.contains(kind)) {
                throw new IllegalArgumentException("nemesis '" + kind.optionName() + "' is listed twice in '" + text
                        + "'");
            }
            kinds.add(kind);
        }
        return List.copyOf(kinds);
    }

    private static FaultKind parse(String word) {
        return Arrays.stream(values()).filter(kind -> kind.optionName().equals(word.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown nemesis '" + word
                        + "': use a comma-separated list of "
                        + Arrays.stream(values()).map(FaultKind::optionName).collect(Collectors.joining(", "))
                        + ", or " + NONE));
    }
}
