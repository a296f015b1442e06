// SPDX-License-Identifier: Apache-2.0
#include "Minisign.h"

#include "Encoding.h"
#include "Hash.h"
#include "Sodium.h"
#include "Utf8.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace corral::crypto::minisign {

namespace {

const QByteArray kUntrustedPrefix = QByteArrayLiteral("untrusted comment: ");
const QByteArray kTrustedPrefix = QByteArrayLiteral("trusted comment: ");
const QByteArray kSigAlg = QByteArrayLiteral("Ed");
const QByteArray kSigAlgHashed = QByteArrayLiteral("ED");
const QByteArray kKdfScrypt = QByteArrayLiteral("Sc");
const QByteArray kKdfNone = QByteArray(2, '\0');
const QByteArray kChkBlake2b = QByteArrayLiteral("B2");

// Secret key structure: sig_alg(2) kdf_alg(2) chk_alg(2) salt(32) opslimit(8, LE)
// memlimit(8, LE), then the part scrypt's keystream covers: key_id(8) sk(64) chk(32).
constexpr std::size_t kSaltSize = crypto_pwhash_scryptsalsa208sha256_SALTBYTES;
constexpr std::size_t kOffSalt = 6;
constexpr std::size_t kOffOps = kOffSalt + kSaltSize;
constexpr std::size_t kOffMem = kOffOps + 8;
constexpr std::size_t kOffKeyId = kOffMem + 8;
constexpr std::size_t kOffSk = kOffKeyId + kKeyIdSize;
constexpr std::size_t kOffChk = kOffSk + kEd25519SecretKeySize;
constexpr std::size_t kChkSize = 32;
constexpr std::size_t kSecretStructSize = kOffChk + kChkSize;             // 158
constexpr std::size_t kEncryptedPartSize = kSecretStructSize - kOffKeyId; // 104

constexpr qsizetype kPublicStructSize = 2 + kKeyIdSize + kEd25519PublicKeySize; // 42
constexpr qsizetype kSigStructSize = 2 + kKeyIdSize + kEd25519SignatureSize;    // 74

corral::Error error(const char* code, const QString& message)
{
    return corral::makeError(QString::fromLatin1(code), message);
}

quint64 le64(const std::uint8_t* p)
{
    quint64 v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

void storeLe64(std::uint8_t* p, quint64 v)
{
    for (int i = 0; i < 8; ++i) {
        p[i] = std::uint8_t(v & 0xFF);
        v >>= 8;
    }
}

struct Line
{
    QByteArrayView text; // without "\n" and a trailing "\r"
    int number = 0;
};

// Splits a key or signature file into exactly `expected` lines; trailing empty lines are
// tolerated, anything else beyond them is not.
corral::Result<QList<Line>> splitLines(QByteArrayView data, int expected, const QString& source)
{
    if (data.size() > kMaxFileSize)
        return error(kErrMalformed, QStringLiteral("%1: file of %2 bytes is larger than %3 bytes")
                                        .arg(source)
                                        .arg(data.size())
                                        .arg(kMaxFileSize));
    QList<Line> lines;
    int number = 1;
    while (!data.isEmpty()) {
        qsizetype nl = data.indexOf('\n');
        QByteArrayView text = nl < 0 ? data : data.first(nl);
        data = nl < 0 ? QByteArrayView() : data.sliced(nl + 1);
        if (text.endsWith('\r'))
            text.chop(1);
        if (lines.size() < expected)
            lines.append(Line{text, number});
        else if (!text.isEmpty())
            return error(kErrMalformed,
                         QStringLiteral("%1:%2: unexpected content after the last line").arg(source).arg(number));
        ++number;
    }
    if (lines.size() < expected)
        return error(
            kErrMalformed,
            QStringLiteral("%1:%2: file is truncated (%3 lines expected)").arg(source).arg(number).arg(expected));
    return lines;
}

// A comment line: the prefix, then valid UTF-8 within minisign's length limit.
corral::Result<QByteArray> commentLine(const Line& line, const QByteArray& prefix, qsizetype maxLine,
                                       const QString& source)
{
    if (!line.text.startsWith(prefix))
        return error(kErrMalformed, QStringLiteral("%1:%2: line does not start with \"%3\"")
                                        .arg(source)
                                        .arg(line.number)
                                        .arg(QString::fromLatin1(prefix)));
    if (line.text.size() + 1 >= maxLine)
        return error(
            kErrMalformed,
            QStringLiteral("%1:%2: comment longer than %3 bytes").arg(source).arg(line.number).arg(maxLine - 2));
    const QByteArrayView comment = line.text.sliced(prefix.size());
    if (!corral::isValidUtf8(comment))
        return error(kErrMalformed, QStringLiteral("%1:%2: comment is not valid UTF-8").arg(source).arg(line.number));
    return comment.toByteArray();
}

corral::Result<QByteArray> base64Line(const Line& line, qsizetype expectedSize, const QString& source, const char* what)
{
    const auto decoded = detail::decodeBase64Strict(line.text);
    if (!decoded)
        return error(
            kErrMalformed,
            QStringLiteral("%1:%2: %3 is not valid base64").arg(source).arg(line.number).arg(QLatin1String(what)));
    if (decoded->size() != expectedSize)
        return error(kErrMalformed, QStringLiteral("%1:%2: %3 has %4 bytes instead of %5")
                                        .arg(source)
                                        .arg(line.number)
                                        .arg(QLatin1String(what))
                                        .arg(decoded->size())
                                        .arg(expectedSize));
    return *decoded;
}

QString keyIdHex(QByteArrayView keyId)
{
    const auto* p = reinterpret_cast<const std::uint8_t*>(keyId.data());
    return QStringLiteral("%1").arg(le64(p), 16, 16, QLatin1Char('0')).toUpper();
}

// Checksum over sig_alg || key_id || sk, as minisign computes it.
void secretChecksum(const std::uint8_t* raw, std::uint8_t* out)
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, nullptr, 0, kChkSize);
    crypto_generichash_update(&st, raw, 2);
    crypto_generichash_update(&st, raw + kOffKeyId, kKeyIdSize);
    crypto_generichash_update(&st, raw + kOffSk, kEd25519SecretKeySize);
    crypto_generichash_final(&st, out, kChkSize);
    sodium_memzero(&st, sizeof st);
}

// XORs the key id, secret key and checksum with scrypt(password)'s keystream.
bool applyKeystream(std::uint8_t* raw, QByteArrayView password)
{
    SecureBytes stream(kEncryptedPartSize);
    if (crypto_pwhash_scryptsalsa208sha256(stream.data(), stream.size(), password.data(),
                                           static_cast<unsigned long long>(password.size()), raw + kOffSalt,
                                           le64(raw + kOffOps), std::size_t(le64(raw + kOffMem))) != 0)
        return false;
    for (std::size_t i = 0; i < kEncryptedPartSize; ++i)
        raw[kOffKeyId + i] ^= stream.data()[i];
    return true;
}

bool scryptParamsInRange(const ScryptParams& params)
{
    // libsodium silently raises limits below its minimum; more than 4 GiB is no setting
    // minisign writes, so refuse it instead of exhausting memory.
    return params.opsLimit >= crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MIN &&
           params.opsLimit <= crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MAX &&
           params.memLimit >= crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_MIN && params.memLimit <= (quint64(4) << 30);
}

corral::Result<void> checkTrustedComment(const QByteArray& trustedComment)
{
    if (trustedComment.contains('\n') || trustedComment.contains('\r'))
        return error(kErrMalformed, QStringLiteral("the trusted comment must be a single line"));
    if (!corral::isValidUtf8(trustedComment))
        return error(kErrMalformed, QStringLiteral("the trusted comment is not valid UTF-8"));
    if (kTrustedPrefix.size() + trustedComment.size() + 1 >= kMaxTrustedCommentLine)
        return error(kErrMalformed, QStringLiteral("the trusted comment is longer than %1 bytes")
                                        .arg(kMaxTrustedCommentLine - kTrustedPrefix.size() - 2));
    return {};
}

Signature makeSignature(const SecretKey& key, QByteArrayView prehash, const QByteArray& trustedComment,
                        const QString& untrustedComment)
{
    Signature sig;
    sig.algorithm = kSigAlgHashed;
    sig.keyId = key.keyId;
    sig.signature = key.keyPair.sign(prehash);
    sig.untrustedComment = untrustedComment;
    sig.trustedComment = trustedComment;
    sig.globalSignature = key.keyPair.sign(sig.signature + trustedComment);
    return sig;
}

corral::Result<void> checkUntrustedComment(const QString& comment)
{
    const QByteArray utf8 = comment.toUtf8();
    if (utf8.contains('\n') || utf8.contains('\r'))
        return error(kErrMalformed, QStringLiteral("the untrusted comment must be a single line"));
    if (kUntrustedPrefix.size() + utf8.size() + 1 >= kMaxCommentLine)
        return error(kErrMalformed, QStringLiteral("the untrusted comment is too long"));
    return {};
}

// BLAKE2b-512 of an opened file (named `path` in errors), read in chunks so large files
// are signed and verified without being held in memory.
corral::Result<QByteArray> prehashFile(QFile& file, const QString& path)
{
    Blake2b512 hash;
    QByteArray buffer(64 * 1024, Qt::Uninitialized);
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            return error(kErrIo, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        if (n == 0)
            break;
        hash.update(QByteArrayView(buffer.constData(), n));
    }
    return hash.finish();
}

// Verifies the key id, then the signature over `message` (the data or its prehash), then the
// global signature over the trusted comment.
corral::Result<void> verifyMessage(const PublicKey& key, const Signature& sig, QByteArrayView message)
{
    if (sig.keyId != key.keyId)
        return error(kErrKeyIdMismatch, QStringLiteral("the signature was made with key %1, not with key %2")
                                            .arg(keyIdHex(sig.keyId), key.keyIdHex()));
    if (!ed25519Verify(key.publicKey, message, sig.signature))
        return error(kErrBadSignature, QStringLiteral("signature verification failed"));
    if (!ed25519Verify(key.publicKey, sig.signature + sig.trustedComment, sig.globalSignature))
        return error(kErrBadGlobalSignature, QStringLiteral("the trusted comment's signature does not verify"));
    return {};
}

} // namespace

ScryptParams ScryptParams::sensitive()
{
    return {crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE,
            crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE};
}

ScryptParams ScryptParams::interactive()
{
    return {crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_INTERACTIVE};
}

QString PublicKey::keyIdHex() const
{
    return minisign::keyIdHex(keyId);
}

QByteArray PublicKey::toBase64() const
{
    return (kSigAlg + keyId + publicKey).toBase64();
}

QByteArray PublicKey::toFile() const
{
    return kUntrustedPrefix + "minisign public key " + keyIdHex().toLatin1() + '\n' + toBase64() + '\n';
}

corral::Result<PublicKey> PublicKey::parse(QByteArrayView fileContents, const QString& source)
{
    auto lines = splitLines(fileContents, 2, source);
    if (!lines)
        return lines.error();
    if (auto comment = commentLine(lines->at(0), kUntrustedPrefix, kMaxCommentLine, source); !comment)
        return comment.error();
    auto raw = base64Line(lines->at(1), kPublicStructSize, source, "public key");
    if (!raw)
        return raw.error();
    if (raw->first(2) != kSigAlg)
        return error(kErrUnsupported,
                     QStringLiteral("%1:%2: unsupported signature algorithm").arg(source).arg(lines->at(1).number));
    return PublicKey{raw->mid(2, kKeyIdSize), raw->mid(2 + kKeyIdSize)};
}

corral::Result<PublicKey> PublicKey::fromBase64(QByteArrayView base64, const QString& source)
{
    return parse(kUntrustedPrefix + "\n" + base64.toByteArray() + "\n", source);
}

SecretKey SecretKey::generate()
{
    return SecretKey{randomBytes(kKeyIdSize), Ed25519KeyPair::generate()};
}

corral::Result<SecretKeyFile> SecretKeyFile::parse(QByteArrayView fileContents, const QString& source)
{
    auto lines = splitLines(fileContents, 2, source);
    if (!lines)
        return lines.error();
    if (auto comment = commentLine(lines->at(0), kUntrustedPrefix, kMaxCommentLine, source); !comment)
        return comment.error();
    const Line& line = lines->at(1);
    // Decode straight into locked memory: an unencrypted key is plain secret material.
    ensureSodium();
    SecureBytes raw(kSecretStructSize);
    std::size_t rawLength = 0;
    const char* end = nullptr;
    if (line.text.size() % 4 != 0 ||
        sodium_base642bin(raw.data(), raw.size(), line.text.data(), std::size_t(line.text.size()), nullptr, &rawLength,
                          &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != line.text.data() + line.text.size())
        return error(
            kErrMalformed,
            QStringLiteral("%1:%2: secret key is not valid base64 or has the wrong size").arg(source).arg(line.number));
    if (rawLength != kSecretStructSize)
        return error(kErrMalformed, QStringLiteral("%1:%2: secret key has %3 bytes instead of %4")
                                        .arg(source)
                                        .arg(line.number)
                                        .arg(rawLength)
                                        .arg(kSecretStructSize));
    const QByteArrayView bytes = raw.view();
    if (bytes.first(2) != kSigAlg)
        return error(kErrUnsupported,
                     QStringLiteral("%1:%2: unsupported signature algorithm").arg(source).arg(line.number));
    SecretKeyFile file;
    if (bytes.sliced(2, 2) == kKdfScrypt)
        file.m_encrypted = true;
    else if (bytes.sliced(2, 2) != kKdfNone)
        return error(kErrUnsupported,
                     QStringLiteral("%1:%2: unsupported key derivation function").arg(source).arg(line.number));
    if (bytes.sliced(4, 2) != kChkBlake2b)
        return error(kErrUnsupported,
                     QStringLiteral("%1:%2: unsupported checksum function").arg(source).arg(line.number));
    file.m_params = {le64(raw.data() + kOffOps), le64(raw.data() + kOffMem)};
    if (file.m_encrypted && !scryptParamsInRange(file.m_params))
        return error(kErrMalformed, QStringLiteral("%1:%2: scrypt limits out of range").arg(source).arg(line.number));
    file.m_source = source;
    file.m_raw = std::move(raw);
    return file;
}

corral::Result<SecretKey> SecretKeyFile::open(QByteArrayView password) const
{
    SecureBytes raw = SecureBytes::copyOf(m_raw.view());
    std::uint8_t chk[kChkSize];
    if (m_encrypted) {
        if (password.isEmpty())
            return error(kErrPasswordRequired,
                         QStringLiteral("%1: the secret key is encrypted; a password is required").arg(m_source));
        if (!applyKeystream(raw.data(), password))
            return error(kErrMalformed, QStringLiteral("%1: scrypt failed with the key's limits").arg(m_source));
        secretChecksum(raw.data(), chk);
        const bool match = sodium_memcmp(chk, raw.data() + kOffChk, kChkSize) == 0;
        sodium_memzero(chk, sizeof chk);
        if (!match)
            return error(kErrWrongPassword, QStringLiteral("%1: wrong password for that key").arg(m_source));
    } else {
        // `minisign -G -W` leaves the checksum zero; accept that or a correct checksum.
        secretChecksum(raw.data(), chk);
        const bool match = sodium_memcmp(chk, raw.data() + kOffChk, kChkSize) == 0 ||
                           sodium_is_zero(raw.data() + kOffChk, kChkSize) == 1;
        sodium_memzero(chk, sizeof chk);
        if (!match)
            return error(kErrCorruptKey, QStringLiteral("%1: the secret key's checksum does not match").arg(m_source));
    }
    Ed25519KeyPair pair = Ed25519KeyPair::fromSecretKey(raw.view().sliced(kOffSk, kEd25519SecretKeySize));
    if (!pair.isValid())
        return error(kErrCorruptKey,
                     QStringLiteral("%1: the secret key's public half does not match its seed").arg(m_source));
    return SecretKey{raw.view().sliced(kOffKeyId, kKeyIdSize).toByteArray(), std::move(pair)};
}

corral::Result<SecureBytes> encodeSecretKey(const SecretKey& key, QByteArrayView password, ScryptParams params)
{
    ensureSodium();
    SecureBytes raw(kSecretStructSize);
    std::uint8_t* p = raw.data();
    std::memcpy(p, kSigAlg.constData(), 2);
    std::memcpy(p + 2, (password.isEmpty() ? kKdfNone : kKdfScrypt).constData(), 2);
    std::memcpy(p + 4, kChkBlake2b.constData(), 2);
    std::memcpy(p + kOffKeyId, key.keyId.constData(), kKeyIdSize);
    std::memcpy(p + kOffSk, key.keyPair.secretKey().data(), kEd25519SecretKeySize);
    if (!password.isEmpty() && !scryptParamsInRange(params))
        return error(kErrMalformed,
                     QStringLiteral("scrypt limits %1/%2 out of range").arg(params.opsLimit).arg(params.memLimit));
    if (!password.isEmpty()) {
        randombytes_buf(p + kOffSalt, kSaltSize);
        storeLe64(p + kOffOps, params.opsLimit);
        storeLe64(p + kOffMem, params.memLimit);
        secretChecksum(p, p + kOffChk);
        if (!applyKeystream(p, password))
            return error(kErrMalformed,
                         QStringLiteral("scrypt refused the limits %1/%2").arg(params.opsLimit).arg(params.memLimit));
    }
    const QByteArray comment =
        kUntrustedPrefix + (password.isEmpty() ? "minisign unencrypted secret key" : "minisign encrypted secret key") +
        '\n';
    const std::size_t b64Size = sodium_base64_ENCODED_LEN(kSecretStructSize, sodium_base64_VARIANT_ORIGINAL);
    SecureBytes out(std::size_t(comment.size()) + b64Size); // b64Size counts a NUL; it becomes the newline
    std::memcpy(out.data(), comment.constData(), std::size_t(comment.size()));
    char* b64 = reinterpret_cast<char*>(out.data() + comment.size());
    sodium_bin2base64(b64, b64Size, raw.data(), raw.size(), sodium_base64_VARIANT_ORIGINAL);
    b64[b64Size - 1] = '\n';
    return out;
}

QByteArray Signature::toFile() const
{
    return kUntrustedPrefix + untrustedComment.toUtf8() + '\n' + (algorithm + keyId + signature).toBase64() + '\n' +
           kTrustedPrefix + trustedComment + '\n' + globalSignature.toBase64() + '\n';
}

corral::Result<Signature> Signature::parse(QByteArrayView fileContents, const QString& source)
{
    auto lines = splitLines(fileContents, 4, source);
    if (!lines)
        return lines.error();
    auto untrusted = commentLine(lines->at(0), kUntrustedPrefix, kMaxCommentLine, source);
    if (!untrusted)
        return untrusted.error();
    auto raw = base64Line(lines->at(1), kSigStructSize, source, "signature");
    if (!raw)
        return raw.error();
    const QByteArray alg = raw->first(2);
    if (alg != kSigAlgHashed && alg != kSigAlg)
        return error(kErrUnsupported,
                     QStringLiteral("%1:%2: unsupported signature algorithm").arg(source).arg(lines->at(1).number));
    auto trusted = commentLine(lines->at(2), kTrustedPrefix, kMaxTrustedCommentLine, source);
    if (!trusted)
        return trusted.error();
    auto global = base64Line(lines->at(3), kEd25519SignatureSize, source, "global signature");
    if (!global)
        return global.error();
    Signature sig;
    sig.algorithm = alg;
    sig.keyId = raw->mid(2, kKeyIdSize);
    sig.signature = raw->mid(2 + kKeyIdSize);
    sig.untrustedComment = QString::fromUtf8(*untrusted);
    sig.trustedComment = *trusted;
    sig.globalSignature = *global;
    return sig;
}

corral::Result<Signature> sign(const SecretKey& key, QByteArrayView data, const QByteArray& trustedComment,
                               const QString& untrustedComment)
{
    if (auto ok = checkTrustedComment(trustedComment); !ok)
        return ok.error();
    if (auto ok = checkUntrustedComment(untrustedComment); !ok)
        return ok.error();
    return makeSignature(key, blake2b512(data), trustedComment, untrustedComment);
}

corral::Result<Signature> signFile(const SecretKey& key, const QString& path, const QByteArray& trustedComment,
                                   const QString& untrustedComment)
{
    if (auto ok = checkTrustedComment(trustedComment); !ok)
        return ok.error();
    if (auto ok = checkUntrustedComment(untrustedComment); !ok)
        return ok.error();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return error(kErrIo, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    corral::Result<QByteArray> prehash = prehashFile(file, path);
    if (!prehash)
        return prehash.error();
    return makeSignature(key, *prehash, trustedComment, untrustedComment);
}

corral::Result<void> verify(const PublicKey& key, const Signature& sig, QByteArrayView data)
{
    return verifyMessage(key, sig, sig.isPrehashed() ? QByteArrayView(blake2b512(data)) : data);
}

corral::Result<void> verifyFile(const PublicKey& key, const Signature& sig, const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return error(kErrIo, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    if (!sig.isPrehashed()) {
        if (file.size() > kMaxLegacyMessageSize)
            return error(kErrIo, QStringLiteral("%1 is larger than 1 GiB, too large for a legacy signature").arg(path));
        const QByteArray data = file.readAll();
        if (file.error() != QFileDevice::NoError)
            return error(kErrIo, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        return verifyMessage(key, sig, data);
    }
    corral::Result<QByteArray> prehash = prehashFile(file, path);
    if (!prehash)
        return prehash.error();
    return verifyMessage(key, sig, *prehash);
}

QByteArray defaultTrustedComment(qint64 unixSeconds, const QString& fileName)
{
    return "timestamp:" + QByteArray::number(unixSeconds) + "\tfile:" + QFileInfo(fileName).fileName().toUtf8() +
           "\thashed";
}

corral::Result<void> writeKeyFile(const QString& path, QByteArrayView data, bool privateFile)
{
    // mkstemp creates the temporary file with mode 0600, so secret bytes never sit in a
    // file others can read, not even before the final rename.
    QByteArray tmpl = QFile::encodeName(path) + ".XXXXXX";
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        return error(kErrIo,
                     QStringLiteral("cannot write %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    const auto fail = [&](int err) {
        ::close(fd);
        ::unlink(tmpl.constData());
        return error(kErrIo,
                     QStringLiteral("cannot write %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(err))));
    };
    qsizetype written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.data() + written, std::size_t(data.size() - written));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail(errno);
        }
        written += n;
    }
    if (::fchmod(fd, privateFile ? 0600 : 0644) != 0 || ::fsync(fd) != 0)
        return fail(errno);
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmpl.constData());
        return error(kErrIo,
                     QStringLiteral("cannot write %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(err))));
    }
    if (::rename(tmpl.constData(), QFile::encodeName(path).constData()) != 0) {
        const int err = errno;
        ::unlink(tmpl.constData());
        return error(kErrIo,
                     QStringLiteral("cannot write %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(err))));
    }
    return {};
}

} // namespace corral::crypto::minisign
