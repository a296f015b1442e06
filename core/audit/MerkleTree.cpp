// SPDX-License-Identifier: Apache-2.0
#include "MerkleTree.h"

#include <bit>
#include <cstring>

namespace corral::audit {

namespace {

Error proofError(const QString& message)
{
    return makeError(QStringLiteral("merkle.proof"), message);
}

// Largest power of two strictly smaller than n (n >= 2).
std::uint64_t splitPoint(std::uint64_t n)
{
    return std::bit_floor(n - 1);
}

// Hash of the subtree over leaves [begin, end), reading leaf hashes in one go.
Result<Hash> subtreeHash(std::uint64_t begin, std::uint64_t end, const LeafReader& reader)
{
    std::vector<Hash> leaves;
    if (!reader(begin, end, leaves) || leaves.size() != end - begin)
        return makeError(QStringLiteral("merkle.read"),
                         QStringLiteral("cannot read leaves %1..%2").arg(begin).arg(end));
    return rootOf(leaves.data(), leaves.size());
}

// PATH(m, D[begin:end]) of RFC 9162 2.1.3.1, appended bottom-up.
Result<void> path(std::uint64_t m, std::uint64_t begin, std::uint64_t end, const LeafReader& reader, Proof& out)
{
    const std::uint64_t n = end - begin;
    if (n <= 1)
        return {};
    const std::uint64_t k = splitPoint(n);
    if (m < k) {
        if (Result<void> r = path(m, begin, begin + k, reader, out); !r)
            return r;
        Result<Hash> h = subtreeHash(begin + k, end, reader);
        if (!h)
            return h.error();
        out.push_back(*h);
    } else {
        if (Result<void> r = path(m - k, begin + k, end, reader, out); !r)
            return r;
        Result<Hash> h = subtreeHash(begin, begin + k, reader);
        if (!h)
            return h.error();
        out.push_back(*h);
    }
    return {};
}

// SUBPROOF(m, D[begin:end], b) of RFC 9162 2.1.4.1.
Result<void> subproof(std::uint64_t m, std::uint64_t begin, std::uint64_t end, bool b, const LeafReader& reader,
                      Proof& out)
{
    const std::uint64_t n = end - begin;
    if (m == n) {
        if (!b) {
            Result<Hash> h = subtreeHash(begin, end, reader);
            if (!h)
                return h.error();
            out.push_back(*h);
        }
        return {};
    }
    const std::uint64_t k = splitPoint(n);
    if (m <= k) {
        if (Result<void> r = subproof(m, begin, begin + k, b, reader, out); !r)
            return r;
        Result<Hash> h = subtreeHash(begin + k, end, reader);
        if (!h)
            return h.error();
        out.push_back(*h);
    } else {
        if (Result<void> r = subproof(m - k, begin + k, end, false, reader, out); !r)
            return r;
        Result<Hash> h = subtreeHash(begin, begin + k, reader);
        if (!h)
            return h.error();
        out.push_back(*h);
    }
    return {};
}

} // namespace

Hash leafHash(QByteArrayView leaf)
{
    return crypto::sha256(0x00, leaf);
}

Hash nodeHash(const Hash& left, const Hash& right)
{
    // One contiguous input: copying 64 bytes costs less than the two extra updates through
    // OpenSSL's EVP layer, and every appended or verified record hashes one node.
    char input[1 + 2 * sizeof(Hash)];
    input[0] = 0x01;
    std::memcpy(input + 1, left.data(), left.size());
    std::memcpy(input + 1 + left.size(), right.data(), right.size());
    return crypto::sha256(QByteArrayView(input, qsizetype(sizeof input)));
}

Hash emptyTreeHash()
{
    return crypto::sha256(QByteArrayView());
}

Hash rootOf(const Hash* leaves, std::uint64_t count)
{
    MerkleTree tree;
    for (std::uint64_t i = 0; i < count; ++i)
        tree.append(leaves[i]);
    return tree.root();
}

void MerkleTree::append(const Hash& leaf)
{
    // Merge with the equal-sized subtrees on the right edge: one per trailing 1 bit.
    Hash carry = leaf;
    for (std::uint64_t s = m_size; s & 1; s >>= 1) {
        carry = nodeHash(m_edge.back(), carry);
        m_edge.pop_back();
    }
    m_edge.push_back(carry);
    ++m_size;
}

Hash MerkleTree::root() const
{
    if (m_edge.empty())
        return emptyTreeHash();
    Hash acc = m_edge.back();
    for (auto it = m_edge.rbegin() + 1; it != m_edge.rend(); ++it)
        acc = nodeHash(*it, acc);
    return acc;
}

MerkleLevels::MerkleLevels(std::vector<Hash> leaves)
{
    if (leaves.empty())
        return;
    m_levels.push_back(std::move(leaves));
    while (m_levels.back().size() > 1) {
        const std::vector<Hash>& below = m_levels.back();
        std::vector<Hash> up;
        up.reserve((below.size() + 1) / 2);
        for (std::size_t i = 0; i + 1 < below.size(); i += 2)
            up.push_back(nodeHash(below[i], below[i + 1]));
        if (below.size() % 2)
            up.push_back(below.back());
        m_levels.push_back(std::move(up));
    }
}

Hash MerkleLevels::root() const
{
    return m_levels.empty() ? emptyTreeHash() : m_levels.back().front();
}

Proof MerkleLevels::inclusion(std::uint64_t index) const
{
    Proof proof;
    for (std::size_t level = 0; level + 1 < m_levels.size(); ++level) {
        const std::uint64_t sibling = index ^ 1;
        if (sibling < m_levels[level].size())
            proof.push_back(m_levels[level][sibling]);
        index >>= 1;
    }
    return proof;
}

Result<Proof> inclusionProof(std::uint64_t index, std::uint64_t size, const LeafReader& leaves)
{
    if (index >= size)
        return makeError(QStringLiteral("merkle.range"),
                         QStringLiteral("leaf %1 is not in a tree of size %2").arg(index).arg(size));
    Proof proof;
    if (Result<void> r = path(index, 0, size, leaves, proof); !r)
        return r.error();
    return proof;
}

Result<Proof> consistencyProof(std::uint64_t oldSize, std::uint64_t newSize, const LeafReader& leaves)
{
    if (oldSize > newSize)
        return makeError(QStringLiteral("merkle.range"),
                         QStringLiteral("old size %1 is larger than new size %2").arg(oldSize).arg(newSize));
    Proof proof;
    if (oldSize == 0 || oldSize == newSize)
        return proof;
    if (Result<void> r = subproof(oldSize, 0, newSize, true, leaves, proof); !r)
        return r.error();
    return proof;
}

Result<void> verifyInclusion(std::uint64_t index, std::uint64_t size, const Hash& leaf, const Proof& proof,
                             const Hash& root)
{
    if (index >= size)
        return proofError(QStringLiteral("leaf %1 is not in a tree of size %2").arg(index).arg(size));
    std::uint64_t fn = index;
    std::uint64_t sn = size - 1;
    Hash r = leaf;
    for (const Hash& p : proof) {
        if (sn == 0)
            return proofError(QStringLiteral("inclusion proof is too long"));
        if ((fn & 1) || fn == sn) {
            r = nodeHash(p, r);
            if (!(fn & 1)) {
                while (fn != 0 && !(fn & 1)) {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            r = nodeHash(r, p);
        }
        fn >>= 1;
        sn >>= 1;
    }
    if (sn != 0)
        return proofError(QStringLiteral("inclusion proof is too short"));
    if (r != root)
        return proofError(QStringLiteral("inclusion proof does not lead to the root"));
    return {};
}

Result<void> verifyConsistency(std::uint64_t oldSize, std::uint64_t newSize, const Proof& proof, const Hash& oldRoot,
                               const Hash& newRoot)
{
    if (oldSize > newSize)
        return proofError(QStringLiteral("old size %1 is larger than new size %2").arg(oldSize).arg(newSize));
    if (oldSize == newSize) {
        if (!proof.empty())
            return proofError(QStringLiteral("consistency proof between equal sizes must be empty"));
        if (oldRoot != newRoot)
            return proofError(QStringLiteral("roots differ for the same size"));
        return {};
    }
    if (oldSize == 0) {
        if (!proof.empty())
            return proofError(QStringLiteral("consistency proof from the empty tree must be empty"));
        return {};
    }
    if (proof.empty())
        return proofError(QStringLiteral("consistency proof is empty"));

    // RFC 9162 2.1.4.2: when the old size is a power of two, the old root starts the path.
    Proof path;
    if (std::has_single_bit(oldSize))
        path.push_back(oldRoot);
    path.insert(path.end(), proof.begin(), proof.end());

    std::uint64_t fn = oldSize - 1;
    std::uint64_t sn = newSize - 1;
    while (fn & 1) {
        fn >>= 1;
        sn >>= 1;
    }
    Hash fr = path[0];
    Hash sr = path[0];
    for (std::size_t i = 1; i < path.size(); ++i) {
        const Hash& c = path[i];
        if (sn == 0)
            return proofError(QStringLiteral("consistency proof is too long"));
        if ((fn & 1) || fn == sn) {
            fr = nodeHash(c, fr);
            sr = nodeHash(c, sr);
            if (!(fn & 1)) {
                while (fn != 0 && !(fn & 1)) {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            sr = nodeHash(sr, c);
        }
        fn >>= 1;
        sn >>= 1;
    }
    if (sn != 0)
        return proofError(QStringLiteral("consistency proof is too short"));
    if (fr != oldRoot)
        return proofError(QStringLiteral("consistency proof does not lead to the old root"));
    if (sr != newRoot)
        return proofError(QStringLiteral("consistency proof does not lead to the new root"));
    return {};
}

} // namespace corral::audit
