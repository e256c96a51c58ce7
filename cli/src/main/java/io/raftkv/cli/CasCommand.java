package io.raftkv.cli;

import io.raftkv.client.RaftKvClient;
import io.raftkv.core.Bytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.util.concurrent.Callable;

@Command(name = "cas", mixinStandardHelpOptions = true,
        description = "Compare-and-swap: write VALUE only if the key's modRevision is EXPECTED_MOD_REVISION "
                + "(0: only if absent). Exit 4 on a mismatch.")
final class CasCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ClientOptions clientOptions;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Parameters(index = "1", paramLabel = "EXPECTED_MOD_REVISION")
    long expectedModRevision;

    @Parameters(index = "2", paramLabel = "VALUE", description = "The new value; '-' reads it from stdin.")
    String value;

    @Override
    public Integer call() throws IOException {
        CliContext context = main.context();
        if (expectedModRevision < 0) {
            throw new IllegalArgumentException("EXPECTED_MOD_REVISION must be 0 or more, was " + expectedModRevision);
        }
        Bytes keyBytes = Bytes.utf8(key);
        Bytes valueBytes = PutCommand.valueArgument(value, context);
        try (RaftKvClient client = clientOptions.connect(context)) {
            return ResultPrinter.printWrite(client.compareAndSwap(keyBytes, expectedModRevision, valueBytes),
                    keyBytes, context);
        }
    }
}
