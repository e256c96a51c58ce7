package io.raftkv.memcached;

import io.raftkv.core.command.FlushAll;
import io.raftkv.core.command.Result;

/** flush_all (replicated, so every node forgets the same keys), version, verbosity and stats. */
final class AdminCommands {
    private final CommandContext context;
    private final StatsReport statsReport;

    AdminCommands(CommandContext context, StatsReport statsReport) {
        this.context = context;
        this.statsReport = statsReport;
    }

    Step flush(ClientRequest.Flush request) {
        context.stats().increment(Counter.CMD_FLUSH);
        FlushAll flushAll = new FlushAll(context.expiry().delayMillis(request.delaySeconds()));
        return Step.write(() -> context.write(flushAll).thenApply(result -> Step.line(switch (result) {
            case Result.Flushed ignored -> "OK";
            case Result.Rejected rejected -> Rejections.line(rejected, context.stats());
        })));
    }

    Step version() {
        return Step.line("VERSION " + context.version());
    }

    /**
     * {@code stats} and its subcommands. There are no slabs and no item classes here, so {@code items} and
     * {@code slabs} are empty lists; {@code settings} lists the few settings that mean something here; {@code reset}
     * clears the counters; any other subcommand is unknown, and memcached answers those with ERROR.
     */
    Step stats(ClientRequest.Stats request) {
        return switch (request.subcommand()) {
            case "" -> Step.done(statsReport.general());
            case "reset" -> {
                context.stats().reset();
                yield Step.line("RESET");
            }
            case "settings" -> Step.done(statsReport.settings());
            case "items", "slabs" -> Step.line(ValueLines.END);
            default -> Step.line(RequestLineParser.ERROR);
        };
    }

    Step tooLarge() {
        context.stats().increment(Counter.STORE_TOO_LARGE);
        return Step.line(Rejections.TOO_LARGE);
    }
}
