package io.raftkv.core.query;

/** A read. Queries never change state, so they are not logged. */
public sealed interface Query permits Get, Range, MemberAddresses, CacheGet {
}
