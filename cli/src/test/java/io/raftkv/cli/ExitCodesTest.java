package io.raftkv.cli;

import io.raftkv.core.Bytes;
import io.raftkv.core.KeyMetadata;
import io.raftkv.core.command.AppendResult;
import io.raftkv.core.command.DeleteResult;
import io.raftkv.core.command.PutResult;
import io.raftkv.core.command.Result;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ExitCodesTest {
    private static final KeyMetadata METADATA = new KeyMetadata(7, 2, 3, 5, 0);
    private static final Bytes KEY = Bytes.utf8("k");
    private static final PrintStream DISCARDED = new PrintStream(OutputStream.nullOutputStream());
    private static final CliContext CONTEXT = new CliContext(InputStream.nullInputStream(), DISCARDED, DISCARDED,
            Map.of(), false);

    @Test
    void everyResultHasItsDocumentedExitCode() {
        assertThat(put(new Result.Written(METADATA))).isEqualTo(0);
        assertThat(append(new Result.Written(METADATA))).isEqualTo(0);
        assertThat(delete(new Result.Deleted(6, METADATA))).isEqualTo(0);
        assertThat(append(new Result.NotFound())).isEqualTo(1);
        assertThat(delete(new Result.NotFound())).isEqualTo(1);
        assertThat(put(new Result.RevisionMismatch(Optional.of(METADATA)))).isEqualTo(4);
        assertThat(put(new Result.RevisionMismatch(Optional.empty()))).isEqualTo(4);
        assertThat(append(new Result.Rejected(Result.RejectReason.VALUE_TOO_LARGE, "too big"))).isEqualTo(5);
        assertThat(put(new Result.Rejected(Result.RejectReason.INVALID_REQUEST, "bad"))).isEqualTo(5);
    }

    @Test
    void metadataLineNamesEveryField() {
        assertThat(ResultPrinter.metadataLine(new KeyMetadata(-1, 2, 3, 5, 1_700_000_000_000L))).isEqualTo(
                "revision=5 createRevision=3 modRevision=5 version=2 flags=4294967295 "
                        + "expiresAt=2023-11-14T22:13:20Z");
        assertThat(ResultPrinter.metadataLine(METADATA)).endsWith("expiresAt=never");
    }

    private static int put(PutResult result) {
        return ResultPrinter.printWrite(result, KEY, CONTEXT);
    }

    private static int append(AppendResult result) {
        return ResultPrinter.printWrite(result, KEY, CONTEXT);
    }

    private static int delete(DeleteResult result) {
        return ResultPrinter.printWrite(result, KEY, CONTEXT);
    }
}
