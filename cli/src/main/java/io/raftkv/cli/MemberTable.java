package io.raftkv.cli;

import io.raftkv.client.MemberInfo;

import java.util.List;
import java.util.OptionalLong;

/** The member table {@code raftkv member} commands print. */
final class MemberTable {
    private static final String ROW_FORMAT = "%-8s %-8s %-6s %-22s %-22s %8s %12s%n";

    private MemberTable() {
    }

    static String of(List<MemberInfo> members) {
        StringBuilder table = new StringBuilder(String.format(ROW_FORMAT,
                "ID", "ROLE", "LEADER", "RAFT", "HTTP", "LAG", "LAST-CONTACT"));
        for (MemberInfo member : members) {
            table.append(String.format(ROW_FORMAT, member.id(), member.role(), member.leader() ? "yes" : "",
                    member.raftAddress(), member.httpAddress().orElse("-"), orDash(member.lagEntries(), ""),
                    orDash(member.lastContactMillis(), "ms")));
        }
        return table.toString().stripTrailing();
    }

    private static String orDash(OptionalLong value, String unit) {
        return value.isPresent() ? value.getAsLong() + unit : "-";
    }
}
