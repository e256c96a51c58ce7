package io.raftkv.cli;

import io.raftkv.core.KeyMetadata;
import io.raftkv.core.command.Result;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ExitCodesTest {
    private static final KeyMetadata METADATA = new KeyMetadata(7, 2, 3, 5, 0);

    @Test
    void everyResultHasItsDocumentedExitCode() {
        assertThat(ExitCodes.of(new Result.Written(METADATA))).isEqualTo(0);
        assertThat(ExitCodes.of(new Result.Deleted(6, METADATA))).isEqualTo(0);
        assertThat(ExitCodes.of(new Result.NotFound())).isEqualTo(1);
        assertThat(ExitCodes.of(new Result.RevisionMismatch(Optional.of(METADATA)))).isEqualTo(4);
        assertThat(ExitCodes.of(new Result.RevisionMismatch(Optional.empty()))).isEqualTo(4);
        assertThat(ExitCodes.of(new Result.Rejected(Result.RejectReason.VALUE_TOO_LARGE, "too big"))).isEqualTo(5);
        assertThat(ExitCodes.of(new Result.SequenceForgotten(3, 4))).isEqualTo(5);
        assertThat(ExitCodes.of(new Result.Swept(1, 0))).isEqualTo(ExitCodes.INTERNAL_ERROR);
    }

    @Test
    void metadataLineNamesEveryField() {
        assertThat(ResultPrinter.metadataLine(new KeyMetadata(-1, 2, 3, 5, 1_700_000_000_000L))).isEqualTo(
                "revision=5 createRevision=3 modRevision=5 version=2 flags=4294967295 "
                        + "expiresAt=2023-11-14T22:13:20Z");
        assertThat(ResultPrinter.metadataLine(METADATA)).endsWith("expiresAt=never");
    }
}
