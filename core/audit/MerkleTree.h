// SPDX-License-Identifier: Apache-2.0
// RFC 6962 / RFC 9162 Merkle tree hashing over SHA-256: leaf and node hashes, an
// append-only tree that keeps only its right edge (one hash per set bit of the size),
// and inclusion / consistency proofs, generated from leaf hashes and verified.
#pragma once

#include "Result.h"
#include "crypto/Hash.h"

#include <QByteArrayView>
#include <cstdint>
#include <functional>
#include <vector>

namespace corral::audit {

using Hash = crypto::Sha256Digest;
using Proof = std::vector<Hash>; // RFC 9162 proof: sibling hashes, bottom-up

Hash leafHash(QByteArrayView leaf);                 // SHA-256(0x00 || leaf)
Hash nodeHash(const Hash& left, const Hash& right); // SHA-256(0x01 || left || right)
Hash emptyTreeHash();                               // SHA-256("")
// Root of the tree over `leaves` (leaf hashes), per RFC 6962 section 2.1.
Hash rootOf(const Hash* leaves, std::uint64_t count);

// Append-only Merkle tree state: the roots of the perfect subtrees that make up the
// tree, largest first. Appending is amortised O(1), root() is O(log n).
class MerkleTree
{
public:
    void append(const Hash& leaf);
    std::uint64_t size() const { return m_size; }
    Hash root() const;

private:
    std::uint64_t m_size = 0;
    std::vector<Hash> m_edge; // perfect subtree roots, one per set bit of m_size, largest first
};

// Every level of a tree held in memory, for producing many inclusion proofs at once
// (exports give one per record). Level 0 is the leaves; a last node without a sibling is
// carried up unchanged, which yields exactly RFC 6962's unbalanced right edge.
class MerkleLevels
{
public:
    explicit MerkleLevels(std::vector<Hash> leaves);
    std::uint64_t size() const { return m_levels.empty() ? 0 : m_levels.front().size(); }
    Hash root() const;
    // Precondition: index < size(). Same result as inclusionProof(index, size()).
    Proof inclusion(std::uint64_t index) const;

private:
    std::vector<std::vector<Hash>> m_levels;
};

// Reads leaf hashes [begin, end) of a log; the proof builders call it for the parts
// they need. Returning false aborts the proof (storage error).
using LeafReader = std::function<bool(std::uint64_t begin, std::uint64_t end, std::vector<Hash>& out)>;

// RFC 9162 section 2.1.3.1. Error codes: "merkle.range" (index >= size), "merkle.read".
Result<Proof> inclusionProof(std::uint64_t index, std::uint64_t size, const LeafReader& leaves);
// RFC 9162 section 2.1.4.1. Error codes: "merkle.range" (old > new), "merkle.read".
Result<Proof> consistencyProof(std::uint64_t oldSize, std::uint64_t newSize, const LeafReader& leaves);

// RFC 9162 section 2.1.3.2. Error code "merkle.proof" names what did not match.
Result<void> verifyInclusion(std::uint64_t index, std::uint64_t size, const Hash& leaf, const Proof& proof,
                             const Hash& root);
// RFC 9162 section 2.1.4.2.
Result<void> verifyConsistency(std::uint64_t oldSize, std::uint64_t newSize, const Proof& proof, const Hash& oldRoot,
                               const Hash& newRoot);

} // namespace corral::audit
