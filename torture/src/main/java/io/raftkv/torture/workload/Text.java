package io.raftkv.torture.workload;

import io.raftkv.core.Bytes;

import java.nio.charset.StandardCharsets;

/** The workloads write only ASCII, so their values read back as plain text. */
final class Text {
    private Text() {
    }

    static String of(Bytes bytes) {
        return new String(bytes.toByteArray(), StandardCharsets.US_ASCII);
    }
}
