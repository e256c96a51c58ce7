package io.raftkv.core.query;

/** The client-facing addresses that members have announced. */
public record MemberAddresses() implements Query {
}
