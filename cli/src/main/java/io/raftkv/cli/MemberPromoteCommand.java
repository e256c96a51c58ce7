package io.raftkv.cli;

import io.raftkv.client.RaftKvClient;
import io.raftkv.client.RaftKvRequestException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code raftkv member promote ID}: make a learner a voter. */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Make the learner ID a voter.")
final class MemberPromoteCommand implements Callable<Integer> {
    @ParentCommand
    MemberCommand member;

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions clientOptions;

    @Parameters(index = "0", paramLabel = "ID", description = "The learner to promote.")
    String id;

    @Override
    public Integer call() {
        CliContext context = member.main.context();
        try (RaftKvClient client = clientOptions.connect(context)) {
            var members = client.promoteMember(id);
            context.out().println("promoted " + id + " to voter");
            context.out().println(MemberTable.of(members));
            return ExitCodes.OK;
        } catch (RaftKvRequestException refusal) {
            return MemberCommand.refused(context.err(), spec.qualifiedName(), refusal);
        }
    }
}
