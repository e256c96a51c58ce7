package io.raftkv.memcached;

import io.raftkv.core.Bytes;

/**
 * Builds one meta reply: a two-letter code (HD, VA, EN, NF, NS, EX), then the flags the request asked to see back,
 * in the order it sent them. Every meta reply echoes the opaque (O) and the key (k, followed by b when the client
 * sent the key in base64).
 */
final class MetaReply {
    private final Reply.Builder builder = new Reply.Builder();
    private final MetaKey key;

    MetaReply(String code, MetaKey key) {
        this.key = key;
        builder.text(code);
    }

    /** Adds {@code flag} if it is O or k; returns whether it was. */
    boolean echo(MetaFlags.Flag flag) {
        switch (flag.name()) {
            case 'O' -> builder.text(" O").bytes(flag.argument().unsafeArray());
            case 'k' -> {
                builder.text(" k").bytes(Keys.forReply(key));
                if (key.binary()) {
                    builder.text(" b");
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Echoes O and k and nothing else: the replies that carry no item. */
    MetaReply echoAll(MetaFlags flags) {
        flags.inOrder().forEach(this::echo);
        return this;
    }

    MetaReply flag(char name, String value) {
        builder.text(" " + name + value);
        return this;
    }

    Reply end() {
        return builder.lineEnd().build();
    }

    Reply endWithData(Bytes value) {
        return builder.lineEnd().data(value).build();
    }

    /** A code-only reply with the O and k echoes, such as EN, NF, NS or EX. */
    static Reply of(String code, MetaKey key, MetaFlags flags) {
        return new MetaReply(code, key).echoAll(flags).end();
    }
}
