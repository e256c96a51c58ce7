package io.raftkv.memcached;

import io.raftkv.core.Bytes;

/**
 * A meta command's key.
 *
 * @param binary the client sent it base64-encoded (b flag), so replies show it base64-encoded too
 */
record MetaKey(Bytes key, boolean binary) {
}
