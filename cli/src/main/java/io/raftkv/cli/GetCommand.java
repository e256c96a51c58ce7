package io.raftkv.cli;

import io.raftkv.client.RaftKvClient;
import io.raftkv.core.Bytes;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.query.QueryResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Print a key's value, as raw bytes (a newline is added only on a terminal). Exit 1 if absent.")
final class GetCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ClientOptions clientOptions;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Option(names = "--meta", description = "Print the key's metadata on a line before the value.")
    boolean meta;

    @Option(names = "--serializable",
            description = "Read the answering node's replica: fast, possibly stale (default: linearizable).")
    boolean serializable;

    @Override
    public Integer call() {
        CliContext context = main.context();
        Bytes keyBytes = Bytes.utf8(key);
        ReadConsistency consistency = serializable ? ReadConsistency.SERIALIZABLE : ReadConsistency.LINEARIZABLE;
        try (RaftKvClient client = clientOptions.connect(context)) {
            return switch (client.get(keyBytes, consistency)) {
                case QueryResult.Found found -> {
                    if (meta) {
                        context.out().println(ResultPrinter.metadataLine(found.keyValue().metadata()));
                    }
                    context.out().writeBytes(found.keyValue().value().unsafeArray());
                    if (context.outIsTerminal()) {
                        context.out().println();
                    }
                    context.out().flush();
                    yield ExitCodes.OK;
                }
                case QueryResult.Missing missing -> {
                    context.err().println("not found: " + keyBytes);
                    yield ExitCodes.NOT_FOUND;
                }
            };
        }
    }
}
