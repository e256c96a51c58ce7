package io.raftkv.core.query;

/** The client-facing addresses that members have announced. */
public record MemberAddresses() implements Query<QueryResult.Addresses> {
    @Override
    public Class<QueryResult.Addresses> resultType() {
        return QueryResult.Addresses.class;
    }
}
