package io.raftkv.cli;

import io.raftkv.client.ListOptions;
import io.raftkv.client.RaftKvClient;
import io.raftkv.core.Bytes;
import io.raftkv.core.KeyValue;
import io.raftkv.core.ReadConsistency;
import io.raftkv.core.query.QueryResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List keys in unsigned byte order, one per line: KEY<TAB>VALUE (or KEY alone with --keys-only).",
                "Keys and values that are not printable UTF-8 are shown as base64:... ."})
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ClientOptions clientOptions;

    @Option(names = "--prefix", paramLabel = "P", description = "Keys starting with P.")
    String prefix;

    @Option(names = "--start", paramLabel = "A", description = "Keys from A (inclusive).")
    String start;

    @Option(names = "--end", paramLabel = "B", description = "Keys up to B (exclusive).")
    String end;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + ListOptions.LIMIT_DEFAULT,
            description = "At most N keys, 1 to " + ListOptions.LIMIT_MAX + " (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--keys-only", description = "Leave values out.")
    boolean keysOnly;

    @Option(names = "--count-only", description = "Print only how many keys the range holds.")
    boolean countOnly;

    @Option(names = "--serializable", description = "Read the answering node's replica: fast, possibly stale.")
    boolean serializable;

    @Override
    public Integer call() {
        CliContext context = main.context();
        ListOptions options = listOptions();
        try (RaftKvClient client = clientOptions.connect(context)) {
            QueryResult.RangeResult range = client.list(options);
            if (countOnly) {
                context.out().println(range.count());
                return ExitCodes.OK;
            }
            for (KeyValue keyValue : range.keyValues()) {
                context.out().println(keysOnly ? printable(keyValue.key())
                        : printable(keyValue.key()) + "\t" + printable(keyValue.value()));
            }
            if (range.more()) {
                context.err().println("(" + range.count() + " keys in the range, " + range.keyValues().size()
                        + " shown; a page holds at most --limit keys and 4 MiB; continue with --start)");
            }
            return ExitCodes.OK;
        }
    }

    ListOptions listOptions() {
        if (prefix != null && (start != null || end != null)) {
            throw new IllegalArgumentException("use --prefix or --start/--end, not both");
        }
        ListOptions options = prefix != null
                ? ListOptions.prefix(Bytes.utf8(prefix))
                : ListOptions.range(Optional.ofNullable(start).map(Bytes::utf8), Optional.ofNullable(end)
                .map(Bytes::utf8));
        return options.withLimit(limit).withKeysOnly(keysOnly).withCountOnly(countOnly)
                .withConsistency(serializable ? ReadConsistency.SERIALIZABLE : ReadConsistency.LINEARIZABLE);
    }

    /** Text when it is printable UTF-8 without tabs or line breaks (which would break the format), else base64. */
    static String printable(Bytes bytes) {
        return bytes.asUtf8()
                .filter(text -> text.chars().noneMatch(Character::isISOControl))
                .filter(text -> !text.startsWith("base64:"))
                .orElseGet(() -> "base64:" + Base64.getEncoder().encodeToString(bytes.unsafeArray()));
    }
}
