// SPDX-License-Identifier: Apache-2.0
#include "audit/MerkleTree.h"

#include <QTest>
#include <cstring>

using namespace corral;
using namespace corral::audit;

namespace {

Hash h(const char* hex)
{
    const QByteArray raw = QByteArray::fromHex(hex);
    Hash out{};
    std::memcpy(out.data(), raw.constData(), out.size());
    return out;
}

// The RFC 6962 test data used by the certificate-transparency, trillian and
// transparency-dev/merkle implementations.
const QList<QByteArray> kLeaves = {
    QByteArray(),
    QByteArray::fromHex("00"),
    QByteArray::fromHex("10"),
    QByteArray::fromHex("2021"),
    QByteArray::fromHex("3031"),
    QByteArray::fromHex("40414243"),
    QByteArray::fromHex("5051525354555657"),
    QByteArray::fromHex("606162636465666768696a6b6c6d6e6f"),
};

const char* const kRoots[] = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

struct InclusionVector
{
    std::uint64_t index; // 0-based
    std::uint64_t size;
    Proof proof;
};

const std::vector<InclusionVector> kInclusion = {
    {0,
     8,
     {h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
      h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
      h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")}},
    {5,
     8,
     {h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
      h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
      h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")}},
    {2, 3, {h("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")}},
    {1,
     5,
     {h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
      h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
      h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")}},
};

struct ConsistencyVector
{
    std::uint64_t oldSize;
    std::uint64_t newSize;
    Proof proof;
};

const std::vector<ConsistencyVector> kConsistency = {
    {1,
     8,
     {h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
      h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
      h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")}},
    {6,
     8,
     {h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
      h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
      h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")}},
    {2,
     5,
     {h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
      h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")}},
    {6,
     7,
     {h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
      h("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f"),
      h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")}},
};

const Hash kSomeHash = h("abacaba000000000000000000000000000000000000000000060061e00123456");

std::vector<Hash> leafHashes(std::uint64_t count)
{
    std::vector<Hash> out;
    for (std::uint64_t i = 0; i < count; ++i)
        out.push_back(leafHash(i < std::uint64_t(kLeaves.size()) ? kLeaves[qsizetype(i)] : QByteArray::number(i)));
    return out;
}

LeafReader readerOver(const std::vector<Hash>& leaves)
{
    return [&leaves](std::uint64_t begin, std::uint64_t end, std::vector<Hash>& out) {
        if (end > leaves.size())
            return false;
        out.assign(leaves.begin() + std::ptrdiff_t(begin), leaves.begin() + std::ptrdiff_t(end));
        return true;
    };
}

Proof with(Proof p, std::size_t at, const Hash& extra)
{
    p.insert(p.begin() + std::ptrdiff_t(at), extra);
    return p;
}

} // namespace

class TestMerkleTree : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyTree();
    void rootsMatchRfc6962Vectors();
    void inclusionProofsMatchVectors();
    void consistencyProofsMatchVectors();
    void corruptedInclusionProofsRejected();
    void corruptedConsistencyProofsRejected();
    void trivialConsistencyCases();
    void generatedProofsVerifyForAllSizes();
    void rightEdgeStaysLogarithmic();
    void proofOutOfRange();
};

void TestMerkleTree::emptyTree()
{
    MerkleTree tree;
    QCOMPARE(crypto::toBytes(tree.root()).toHex(),
             QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

void TestMerkleTree::rootsMatchRfc6962Vectors()
{
    MerkleTree tree;
    for (int i = 0; i < 8; ++i) {
        tree.append(leafHash(kLeaves[i]));
        QCOMPARE(tree.size(), std::uint64_t(i + 1));
        QCOMPARE(crypto::toBytes(tree.root()).toHex(), QByteArray(kRoots[i]));
    }
}

void TestMerkleTree::inclusionProofsMatchVectors()
{
    const std::vector<Hash> leaves = leafHashes(8);
    for (const InclusionVector& v : kInclusion) {
        Result<Proof> generated = inclusionProof(v.index, v.size, readerOver(leaves));
        QVERIFY(generated.ok());
        QVERIFY(*generated == v.proof);
        const Hash root = h(kRoots[v.size - 1]);
        QVERIFY(verifyInclusion(v.index, v.size, leaves[v.index], v.proof, root).ok());
    }
    // A single-leaf tree: the leaf is the root and the proof is empty.
    QVERIFY(verifyInclusion(0, 1, leaves[0], {}, h(kRoots[0])).ok());
}

void TestMerkleTree::consistencyProofsMatchVectors()
{
    const std::vector<Hash> leaves = leafHashes(8);
    for (const ConsistencyVector& v : kConsistency) {
        Result<Proof> generated = consistencyProof(v.oldSize, v.newSize, readerOver(leaves));
        QVERIFY(generated.ok());
        QVERIFY(*generated == v.proof);
        QVERIFY(
            verifyConsistency(v.oldSize, v.newSize, v.proof, h(kRoots[v.oldSize - 1]), h(kRoots[v.newSize - 1])).ok());
    }
}

void TestMerkleTree::corruptedInclusionProofsRejected()
{
    const std::vector<Hash> leaves = leafHashes(8);
    for (const InclusionVector& v : kInclusion) {
        const Hash root = h(kRoots[v.size - 1]);
        const Hash leaf = leaves[v.index];
        const Proof& p = v.proof;
        struct Probe
        {
            const char* what;
            std::uint64_t index;
            std::uint64_t size;
            Hash leaf;
            Hash root;
            Proof proof;
        };
        std::vector<Probe> probes = {
            {"index - 1", v.index - 1, v.size, leaf, root, p},
            {"index + 1", v.index + 1, v.size, leaf, root, p},
            {"index ^ 2", v.index ^ 2, v.size, leaf, root, p},
            {"size * 2", v.index, v.size * 2, leaf, root, p},
            {"size / 2", v.index, v.size / 2, leaf, root, p},
            {"wrong leaf", v.index, v.size, kSomeHash, root, p},
            {"empty-tree root", v.index, v.size, leaf, emptyTreeHash(), p},
            {"random root", v.index, v.size, leaf, kSomeHash, p},
            {"trailing root", v.index, v.size, leaf, root, with(p, p.size(), root)},
            {"preceding root", v.index, v.size, leaf, root, with(p, 0, root)},
            {"removed hash", v.index, v.size, leaf, root, Proof(p.begin(), p.end() - 1)},
        };
        if (p.size() > 1)
            probes.push_back({"inserted hash", v.index, v.size, leaf, root, with(p, 1, kSomeHash)});
        for (std::size_t i = 0; i < p.size(); ++i) {
            Proof flipped = p;
            flipped[i][0] ^= 8;
            probes.push_back({"flipped bit", v.index, v.size, leaf, root, flipped});
        }
        for (const Probe& probe : probes) {
            Result<void> r = verifyInclusion(probe.index, probe.size, probe.leaf, probe.proof, probe.root);
            QVERIFY2(!r.ok(), probe.what);
            QCOMPARE(r.error().code, QStringLiteral("merkle.proof"));
        }
    }
}

void TestMerkleTree::corruptedConsistencyProofsRejected()
{
    for (const ConsistencyVector& v : kConsistency) {
        const Hash r1 = h(kRoots[v.oldSize - 1]);
        const Hash r2 = h(kRoots[v.newSize - 1]);
        const Proof& p = v.proof;
        struct Probe
        {
            const char* what;
            std::uint64_t oldSize;
            std::uint64_t newSize;
            Hash r1;
            Hash r2;
            Proof proof;
        };
        std::vector<Probe> probes = {
            {"old - 1", v.oldSize - 1, v.newSize, r1, r2, p},
            {"old + 1", v.oldSize + 1, v.newSize, r1, r2, p},
            {"old ^ 2", v.oldSize ^ 2, v.newSize, r1, r2, p},
            {"new * 2", v.oldSize, v.newSize * 2, r1, r2, p},
            {"new / 2", v.oldSize, v.newSize / 2, r1, r2, p},
            {"wrong old root", v.oldSize, v.newSize, kSomeHash, r2, p},
            {"wrong new root", v.oldSize, v.newSize, r1, kSomeHash, p},
            {"swapped roots", v.oldSize, v.newSize, r2, r1, p},
            {"empty proof", v.oldSize, v.newSize, r1, r2, {}},
            {"trailing old root", v.oldSize, v.newSize, r1, r2, with(p, p.size(), r1)},
            {"trailing new root", v.oldSize, v.newSize, r1, r2, with(p, p.size(), r2)},
            {"preceding old root", v.oldSize, v.newSize, r1, r2, with(p, 0, r1)},
            {"preceding new root", v.oldSize, v.newSize, r1, r2, with(p, 0, r2)},
            {"preceding proof[0]", v.oldSize, v.newSize, r1, r2, with(p, 0, p[0])},
            {"truncated proof", v.oldSize, v.newSize, r1, r2, Proof(p.begin(), p.end() - 1)},
        };
        for (std::size_t i = 0; i < p.size(); ++i) {
            Proof flipped = p;
            flipped[i][0] ^= 16;
            probes.push_back({"flipped bit", v.oldSize, v.newSize, r1, r2, flipped});
        }
        for (const Probe& probe : probes) {
            Result<void> r = verifyConsistency(probe.oldSize, probe.newSize, probe.proof, probe.r1, probe.r2);
            QVERIFY2(!r.ok(), probe.what);
            QCOMPARE(r.error().code, QStringLiteral("merkle.proof"));
        }
    }
}

void TestMerkleTree::trivialConsistencyCases()
{
    const Hash a = kSomeHash;
    const Hash b = emptyTreeHash();
    QVERIFY(verifyConsistency(0, 0, {}, a, a).ok());
    QVERIFY(verifyConsistency(0, 1, {}, a, b).ok());
    QVERIFY(verifyConsistency(1, 1, {}, b, b).ok());
    QVERIFY(!verifyConsistency(0, 0, {}, a, b).ok());
    QVERIFY(!verifyConsistency(1, 1, {}, a, b).ok());
    QVERIFY(!verifyConsistency(1, 0, {}, a, b).ok());
    QVERIFY(!verifyConsistency(2, 1, {}, a, b).ok());
    QVERIFY(!verifyConsistency(1, 2, {}, a, b).ok());
    QVERIFY(!verifyConsistency(0, 0, {b}, b, b).ok());
    QVERIFY(!verifyConsistency(0, 1, {b}, b, b).ok());
    QVERIFY(!verifyConsistency(1, 1, {b}, b, b).ok());
}

void TestMerkleTree::generatedProofsVerifyForAllSizes()
{
    const std::uint64_t maxSize = 40;
    const std::vector<Hash> leaves = leafHashes(maxSize);
    std::vector<Hash> roots;
    MerkleTree tree;
    for (std::uint64_t n = 1; n <= maxSize; ++n) {
        tree.append(leaves[n - 1]);
        roots.push_back(tree.root());
        QVERIFY(tree.root() == rootOf(leaves.data(), n));
    }
    for (std::uint64_t n = 1; n <= maxSize; ++n) {
        for (std::uint64_t i = 0; i < n; ++i) {
            Result<Proof> p = inclusionProof(i, n, readerOver(leaves));
            QVERIFY(p.ok());
            QVERIFY(verifyInclusion(i, n, leaves[i], *p, roots[n - 1]).ok());
            if (n > 1)
                QVERIFY(!verifyInclusion((i + 1) % n, n, leaves[i], *p, roots[n - 1]).ok());
        }
        for (std::uint64_t m = 1; m <= n; ++m) {
            Result<Proof> p = consistencyProof(m, n, readerOver(leaves));
            QVERIFY(p.ok());
            QVERIFY(verifyConsistency(m, n, *p, roots[m - 1], roots[n - 1]).ok());
            if (m < n)
                QVERIFY(!verifyConsistency(m, n, *p, roots[n - 1], roots[m - 1]).ok());
        }
    }
}

void TestMerkleTree::rightEdgeStaysLogarithmic()
{
    MerkleTree tree;
    const std::vector<Hash> leaves = leafHashes(1000);
    for (const Hash& leaf : leaves)
        tree.append(leaf);
    QCOMPARE(tree.size(), std::uint64_t(1000));
    QVERIFY(tree.root() == rootOf(leaves.data(), leaves.size()));
}

void TestMerkleTree::proofOutOfRange()
{
    const std::vector<Hash> leaves = leafHashes(4);
    Result<Proof> p = inclusionProof(4, 4, readerOver(leaves));
    QVERIFY(!p.ok());
    QCOMPARE(p.error().code, QStringLiteral("merkle.range"));
    Result<Proof> c = consistencyProof(5, 4, readerOver(leaves));
    QVERIFY(!c.ok());
    QCOMPARE(c.error().code, QStringLiteral("merkle.range"));
    Result<Proof> failing = inclusionProof(0, 8, readerOver(leaves));
    QVERIFY(!failing.ok());
    QCOMPARE(failing.error().code, QStringLiteral("merkle.read"));
}

QTEST_GUILESS_MAIN(TestMerkleTree)
#include "TestMerkleTree.moc"
