package io.raftkv.cli;

import io.raftkv.client.RaftKvClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code raftkv member list}: the members as the leader sees them. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the members as the leader sees them: role (VOTER or LEARNER), leader, Raft and HTTP "
                + "address, how many committed entries each lacks (LAG) and when the leader last heard from it."})
final class MemberListCommand implements Callable<Integer> {
    @ParentCommand
    MemberCommand member;

    @Mixin
    ClientOptions clientOptions;

    @Override
    public Integer call() {
        CliContext context = member.main.context();
        try (RaftKvClient client = clientOptions.connect(context)) {
            context.out().println(MemberTable.of(client.members()));
            return ExitCodes.OK;
        }
    }
}
