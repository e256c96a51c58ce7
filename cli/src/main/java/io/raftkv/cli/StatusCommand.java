package io.raftkv.cli;

import io.raftkv.client.ClusterView;
import io.raftkv.client.RaftKvClient;
import io.raftkv.server.ByteSizeText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the cluster: the leader, and each member's role, addresses, term and log indexes.")
final class StatusCommand implements Callable<Integer> {
    private static final String ROW_FORMAT = "%-8s %-10s %-22s %-22s %6s %10s %10s %-9s%n";

    @ParentCommand
    Main main;

    @Mixin
    ClientOptions clientOptions;

    @Override
    public Integer call() {
        CliContext context = main.context();
        try (RaftKvClient client = clientOptions.connect(context)) {
            ClusterView view = client.cluster();
            context.out().println("cluster: " + view.clusterId().orElse("(not reported)"));
            context.out().println("leader: " + view.leader().orElse("(none)") + ", term " + view.term());
            context.out().println(table(view));
            alarmLines(view).forEach(context.out()::println);
            return ExitCodes.OK;
        }
    }

    /** One line per active alarm: which node, how full, and that writes wait for space to be freed there. */
    static List<String> alarmLines(ClusterView view) {
        return view.noSpaceAlarms().stream().map(alarm -> "alarm: NO_SPACE on " + alarm.nodeId() + ": "
                + ByteSizeText.describe(alarm.freeBytes()) + " free on " + alarm.directory() + ", below its "
                + ByteSizeText.describe(alarm.reserveBytes()) + " reserve; writes are refused until space is freed "
                + "there").toList();
    }

    static String table(ClusterView view) {
        StringBuilder table = new StringBuilder(String.format(ROW_FORMAT,
                "ID", "ROLE", "RAFT", "HTTP", "TERM", "COMMIT", "APPLIED", "REACHABLE"));
        for (ClusterView.Member member : view.members()) {
            table.append(member.reachable()
                    ? String.format(ROW_FORMAT, member.id(), member.role(), member.raftAddress(),
                    member.httpAddress().orElse("-"), member.term(), member.commitIndex(), member.appliedIndex(), "yes")
                    : String.format(ROW_FORMAT, member.id(), "-", member.raftAddress(),
                    member.httpAddress().orElse("-"), "-", "-", "-", "no"));
        }
        return table.toString().stripTrailing();
    }
}
