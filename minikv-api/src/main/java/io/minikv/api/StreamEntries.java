package io.minikv.api;

import java.util.List;

/**
 * The entries XREAD read from one stream.
 *
 * @param key the stream's key.
 * @param entries the entries, in ID order, at least one.
 */
public record StreamEntries(byte[] key, List<StreamEntry> entries) {
}
