// SHA-256 and HMAC-SHA-256 (FIPS 180-4, RFC 2104): the keyed hash behind surrogates and date shifts,
// so the same value under the same key always maps to the same replacement, and the mapping cannot
// be recomputed without the key.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mab {

void sha256(const void * data, size_t len, uint8_t out[32]);
void hmac_sha256(const void * key, size_t key_len, const void * msg, size_t msg_len, uint8_t out[32]);

} // namespace mab
