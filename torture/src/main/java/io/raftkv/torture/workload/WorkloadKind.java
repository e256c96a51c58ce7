package io.raftkv.torture.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The workloads a run can mix; each client operation picks one at random. */
public enum WorkloadKind {
    /** Reads, writes and compare-and-swaps on a few keys, checked for linearizability. */
    REGISTER,
    /** Appends of unique elements to a few keys, checked for lost, phantom, duplicated and stale elements. */
    SET,
    /** Puts with a TTL and reads of them, checked for early expiry and resurrection. */
    TTL;

    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code register,set,ttl}; an unknown name is an error that lists the known ones. */
    public static List<WorkloadKind> parseList(String commaSeparated) {
        List<WorkloadKind> kinds = new ArrayList<>();
        for (String name : commaSeparated.split(",")) {
            String trimmed = name.strip().toLowerCase(Locale.ROOT);
            WorkloadKind kind = switch (trimmed) {
                case "register" -> REGISTER;
                case "set", "append" -> SET;
                case "ttl" -> TTL;
                default -> throw new IllegalArgumentException(
                        "unknown workload '" + name.strip() + "'; known: register, set, ttl");
            };
            if (!kinds.contains(kind)) {
                kinds.add(kind);
            }
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no workload given; known: register, set, ttl");
        }
        return List.copyOf(kinds);
    }
}
