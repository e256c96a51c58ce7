package io.raftkv.cli;

import io.raftkv.client.MemberInfo;
import io.raftkv.client.RaftKvClient;
import io.raftkv.client.RaftKvRequestException;
import io.raftkv.server.NodeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code raftkv member add ID=HOST:PORT [--learner]}: add a member by its Raft address. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Add a member whose Raft server listens on HOST:PORT. Start the new node with --join instead "
                + "to have it added, caught up and promoted by itself; use this to add a node started without "
                + "peers, or to add it as a learner.",
                "The leader sends the new member the data first, so this waits until it has caught up."})
final class MemberAddCommand implements Callable<Integer> {
    @ParentCommand
    MemberCommand member;

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions clientOptions;

    @Parameters(index = "0", paramLabel = "ID=HOST:PORT", description = "The new member's id and Raft address.")
    String memberArgument;

    @Option(names = "--learner", description = "Add it as a non-voting learner (promote it later with "
            + "`raftkv member promote ID`).")
    boolean learner;

    @Override
    public Integer call() {
        CliContext context = member.main.context();
        NodeConfig.Peer added = parse(memberArgument);
        try (RaftKvClient client = clientOptions.connect(context)) {
            List<MemberInfo> members = client.addMember(added.id(), added.address(), learner);
            context.out().println("added " + added.id() + " at " + added.address() + " as a "
                    + (learner ? "learner" : "voter"));
            context.out().println(MemberTable.of(members));
            return ExitCodes.OK;
        } catch (RaftKvRequestException refusal) {
            return MemberCommand.refused(context.err(), spec.qualifiedName(), refusal);
        }
    }

    /** {@code ID=HOST:PORT}, exactly one; anything else is a usage error naming the argument. */
    static NodeConfig.Peer parse(String text) {
        if (text.contains(",")) {
            throw new IllegalArgumentException("add one member at a time: ID=HOST:PORT, was '" + text + "'");
        }
        return PeersParser.parse(text, "ID=HOST:PORT").getFirst();
    }
}
