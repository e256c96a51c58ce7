package io.raftkv.cli;

import io.raftkv.client.ClusterView;
import io.raftkv.client.RaftKvClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code raftkv leader transfer [--to ID]}: move leadership, by default to the most up-to-date follower. */
@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = {"Move leadership to another member, for example before maintenance on the leader's machine.",
                "Prints the new leader and the old one. Clients keep working; at most they retry a request."})
final class LeaderTransferCommand implements Callable<Integer> {
    @ParentCommand
    LeaderCommand leader;

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions clientOptions;

    @Option(names = "--to", paramLabel = "ID",
            description = "The member to move leadership to (default: the reachable follower with the highest "
                    + "applied index, ties by id).")
    String target;

    @Override
    public Integer call() {
        CliContext context = leader.main.context();
        try (RaftKvClient client = clientOptions.connect(context)) {
            ClusterView view = client.cluster();
            if (target == null && view.members().size() <= 1) {
                context.err().println(spec.qualifiedName()
                        + ": the cluster has a single member; there is no other node to move leadership to");
                return ExitCodes.USAGE;
            }
            Optional<String> chosen = target != null ? Optional.of(target) : bestFollower(view);
            if (chosen.isEmpty()) {
                context.err().println(spec.qualifiedName()
                        + ": no follower answered; name the member to move leadership to with --to");
                return ExitCodes.UNAVAILABLE;
            }
            String newLeader = client.transferLeadership(chosen.get());
            context.out().println("leader: " + newLeader + " (was " + view.leader().orElse("none") + ")");
            return ExitCodes.OK;
        }
    }

    /**
     * The reachable member other than the leader that has applied the most, so the transfer need not wait for it to
     * catch up; ties go to the smallest id, so the choice is predictable.
     */
    static Optional<String> bestFollower(ClusterView view) {
        return view.members().stream()
                .filter(ClusterView.Member::reachable)
                .filter(member -> view.leader().filter(member.id()::equals).isEmpty())
                .min(Comparator.comparingLong(ClusterView.Member::appliedIndex).reversed()
                        .thenComparing(ClusterView.Member::id))
                .map(ClusterView.Member::id);
    }
}
