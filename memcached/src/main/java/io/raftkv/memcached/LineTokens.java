package io.raftkv.memcached;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A command line split the way memcached splits it: runs of spaces separate tokens, and every other byte, tabs and
 * control characters included, belongs to a token. The line excludes its terminator.
 */
final class LineTokens {
    private final byte[] line;
    private final int[] starts;
    private final int[] ends;

    private LineTokens(byte[] line, int[] starts, int[] ends) {
        this.line = line;
        this.starts = starts;
        this.ends = ends;
    }

    static LineTokens split(byte[] line) {
        int count = countTokens(line);
        int[] starts = new int[count];
        int[] ends = new int[count];
        int token = 0;
        int index = 0;
        while (index < line.length) {
            if (line[index] == ' ') {
                index++;
                continue;
            }
            starts[token] = index;
            while (index < line.length && line[index] != ' ') {
                index++;
            }
            ends[token] = index;
            token++;
        }
        return new LineTokens(line, starts, ends);
    }

    private static int countTokens(byte[] line) {
        int count = 0;
        boolean inToken = false;
        for (byte character : line) {
            boolean space = character == ' ';
            if (!space && !inToken) {
                count++;
            }
            inToken = !space;
        }
        return count;
    }

    int count() {
        return starts.length;
    }

    int length(int index) {
        return ends[index] - starts[index];
    }

    byte[] bytes(int index) {
        return Arrays.copyOfRange(line, starts[index], ends[index]);
    }

    /** The token after its first byte: a meta flag's argument. */
    byte[] bytesAfterFirst(int index) {
        return Arrays.copyOfRange(line, starts[index] + 1, ends[index]);
    }

    /** The token as text, one character per byte, so no byte is lost or replaced. */
    String text(int index) {
        return new String(line, starts[index], length(index), StandardCharsets.ISO_8859_1);
    }

    byte firstByte(int index) {
        return line[starts[index]];
    }

    boolean is(int index, String expected) {
        return index < count() && text(index).equals(expected);
    }

    boolean lastIs(String expected) {
        return count() > 0 && is(count() - 1, expected);
    }
}
