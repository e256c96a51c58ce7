package io.raftkv.cli;

import io.raftkv.client.RaftKvClient;
import io.raftkv.client.RaftKvRequestException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code raftkv member remove ID [--force]}: remove a member. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Remove the member ID. A running removed node notices, says so in its log and stops (as a "
                + "removed etcd member does); to bring it back, wipe its data dir and start it with --join.",
                "Refused when the voters left that the leader can reach would not be a majority of the new "
                        + "configuration, and always for the last member."})
final class MemberRemoveCommand implements Callable<Integer> {
    @ParentCommand
    MemberCommand member;

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions clientOptions;

    @Parameters(index = "0", paramLabel = "ID", description = "The member to remove.")
    String id;

    @Option(names = "--force", description = "Remove a voter even if the voters left that the leader can reach "
            + "would not be a majority. The change itself still needs that majority to commit, so it completes only "
            + "once enough of them answer again. Never removes the last member.")
    boolean force;

    @Override
    public Integer call() {
        CliContext context = member.main.context();
        try (RaftKvClient client = clientOptions.connect(context)) {
            var members = client.removeMember(id, force);
            context.out().println("removed " + id);
            context.out().println(MemberTable.of(members));
            return ExitCodes.OK;
        } catch (RaftKvRequestException refusal) {
            return MemberCommand.refused(context.err(), spec.qualifiedName(), refusal);
        }
    }
}
