// SPDX-License-Identifier: Apache-2.0
#include "Checksums.h"

#include "crypto/Hash.h"

#include <cmath>
#include <cstring>

namespace corral::dlp {

bool luhnValid(QByteArrayView digits)
{
    if (digits.isEmpty())
        return false;
    int sum = 0;
    bool doubleIt = false;
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        const char c = digits[i];
        if (c < '0' || c > '9')
            return false;
        int d = c - '0';
        if (doubleIt) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
        doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
}

int ibanLength(char c0, char c1)
{
    // SWIFT IBAN registry (country, length).
    static constexpr struct
    {
        char code[3];
        int length;
    } kCountries[] = {
        {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22}, {"BH", 22},
        {"BI", 27}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24}, {"DE", 22}, {"DJ", 27},
        {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18}, {"FK", 18}, {"FO", 18}, {"FR", 27},
        {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22},
        {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32},
        {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19},
        {"MN", 20}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NI", 28}, {"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24},
        {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33}, {"SA", 24}, {"SC", 31},
        {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"SO", 23}, {"ST", 25}, {"SV", 28}, {"TL", 23},
        {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20},
    };
    for (const auto& c : kCountries) {
        if (c.code[0] == c0 && c.code[1] == c1)
            return c.length;
    }
    return 0;
}

bool ibanValid(QByteArrayView iban)
{
    if (iban.size() < 15 || iban.size() > 34 || ibanLength(iban[0], iban[1]) != iban.size())
        return false;
    if (iban[2] < '0' || iban[2] > '9' || iban[3] < '0' || iban[3] > '9')
        return false;
    // Move the first four characters to the end, letters become 10..35, then mod 97.
    int remainder = 0;
    for (qsizetype k = 0; k < iban.size(); ++k) {
        const char c = iban[(k + 4) % iban.size()];
        if (c >= '0' && c <= '9') {
            remainder = (remainder * 10 + (c - '0')) % 97;
        } else if (c >= 'A' && c <= 'Z') {
            remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
        } else {
            return false;
        }
    }
    return remainder == 1;
}

bool nhsValid(QByteArrayView digits)
{
    if (digits.size() != 10)
        return false;
    int sum = 0;
    for (int i = 0; i < 10; ++i) {
        if (digits[i] < '0' || digits[i] > '9')
            return false;
    }
    for (int i = 0; i < 9; ++i)
        sum += (digits[i] - '0') * (10 - i);
    int check = 11 - sum % 11;
    if (check == 11)
        check = 0;
    return check != 10 && check == digits[9] - '0';
}

bool bitcoinBase58Valid(QByteArrayView address)
{
    static constexpr char kAlphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    if (address.size() < 25 || address.size() > 35)
        return false;
    // Base58 to a 25-byte big-endian number.
    std::uint8_t bytes[25] = {};
    for (const char c : address) {
        const char* at = std::strchr(kAlphabet, c);
        if (c == 0 || at == nullptr)
            return false;
        int carry = int(at - kAlphabet);
        for (int i = 24; i >= 0; --i) {
            carry += 58 * bytes[i];
            bytes[i] = std::uint8_t(carry & 0xFF);
            carry >>= 8;
        }
        if (carry != 0)
            return false; // more than 25 bytes
    }
    // Each leading '1' stands for one leading zero byte.
    int leadingOnes = 0;
    while (leadingOnes < address.size() && address[leadingOnes] == '1')
        ++leadingOnes;
    int leadingZeros = 0;
    while (leadingZeros < 25 && bytes[leadingZeros] == 0)
        ++leadingZeros;
    if (leadingOnes != leadingZeros)
        return false;
    if (bytes[0] != 0x00 && bytes[0] != 0x05)
        return false;
    const crypto::Sha256Digest first = crypto::sha256(QByteArrayView(reinterpret_cast<const char*>(bytes), 21));
    const crypto::Sha256Digest second =
        crypto::sha256(QByteArrayView(reinterpret_cast<const char*>(first.data()), qsizetype(first.size())));
    return std::memcmp(second.data(), bytes + 21, 4) == 0;
}

bool bitcoinBech32Valid(QByteArrayView address)
{
    static constexpr char kCharset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    if (address.size() < 14 || address.size() > 90)
        return false;
    bool lower = false;
    bool upper = false;
    for (const char c : address) {
        lower |= c >= 'a' && c <= 'z';
        upper |= c >= 'A' && c <= 'Z';
    }
    if (lower && upper)
        return false;
    QByteArray a = address.toByteArray().toLower();
    if (!a.startsWith("bc1"))
        return false;
    const auto polymod = [](std::uint32_t chk, int value) {
        static constexpr std::uint32_t kGen[] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        const std::uint32_t top = chk >> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ std::uint32_t(value);
        for (int i = 0; i < 5; ++i) {
            if ((top >> i) & 1)
                chk ^= kGen[i];
        }
        return chk;
    };
    std::uint32_t chk = 1;
    // Human-readable part "bc", expanded.
    chk = polymod(chk, 'b' >> 5);
    chk = polymod(chk, 'c' >> 5);
    chk = polymod(chk, 0);
    chk = polymod(chk, 'b' & 31);
    chk = polymod(chk, 'c' & 31);
    int witnessVersion = -1;
    for (qsizetype i = 3; i < a.size(); ++i) {
        const char* at = std::strchr(kCharset, a[i]);
        if (a[i] == 0 || at == nullptr)
            return false;
        const int value = int(at - kCharset);
        if (i == 3)
            witnessVersion = value;
        chk = polymod(chk, value);
    }
    if (witnessVersion < 0 || witnessVersion > 16)
        return false;
    // Version 0 uses Bech32 (constant 1), later versions Bech32m (BIP 350).
    return chk == (witnessVersion == 0 ? 1u : 0x2bc830a3u);
}

std::array<std::uint8_t, 32> keccak256(QByteArrayView data)
{
    static constexpr std::uint64_t kRoundConstants[24] = {
        0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL,
        0x000000000000808bULL, 0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL,
        0x000000000000008aULL, 0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
        0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL, 0x8000000000008003ULL,
        0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
        0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL,
    };
    static constexpr int kRotations[25] = {0,  1,  62, 28, 27, 36, 44, 6,  55, 20, 3,  10, 43,
                                           25, 39, 41, 45, 15, 21, 8,  18, 2,  61, 56, 14};
    const auto rotl = [](std::uint64_t x, int n) { return n == 0 ? x : (x << n) | (x >> (64 - n)); };
    std::uint64_t state[25] = {};
    const auto permute = [&] {
        for (const std::uint64_t rc : kRoundConstants) {
            std::uint64_t c[5];
            for (int x = 0; x < 5; ++x)
                c[x] = state[x] ^ state[x + 5] ^ state[x + 10] ^ state[x + 15] ^ state[x + 20];
            for (int x = 0; x < 5; ++x) {
                const std::uint64_t d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
                for (int y = 0; y < 25; y += 5)
                    state[y + x] ^= d;
            }
            std::uint64_t b[25];
            for (int x = 0; x < 5; ++x) {
                for (int y = 0; y < 5; ++y)
                    b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(state[x + 5 * y], kRotations[x + 5 * y]);
            }
            for (int y = 0; y < 25; y += 5) {
                for (int x = 0; x < 5; ++x)
                    state[y + x] = b[y + x] ^ (~b[y + (x + 1) % 5] & b[y + (x + 2) % 5]);
            }
            state[0] ^= rc;
        }
    };
    constexpr int kRate = 136;
    const auto absorb = [&](const std::uint8_t* block) {
        for (int i = 0; i < kRate / 8; ++i) {
            std::uint64_t lane = 0;
            for (int k = 7; k >= 0; --k)
                lane = (lane << 8) | block[i * 8 + k];
            state[i] ^= lane;
        }
        permute();
    };
    const auto* in = reinterpret_cast<const std::uint8_t*>(data.data());
    qsizetype left = data.size();
    while (left >= kRate) {
        absorb(in);
        in += kRate;
        left -= kRate;
    }
    std::uint8_t last[kRate] = {};
    std::memcpy(last, in, std::size_t(left));
    last[left] ^= 0x01; // Keccak padding (SHA3 would use 0x06)
    last[kRate - 1] ^= 0x80;
    absorb(last);
    std::array<std::uint8_t, 32> out{};
    for (int i = 0; i < 32; ++i)
        out[std::size_t(i)] = std::uint8_t(state[i / 8] >> (8 * (i % 8)));
    return out;
}

bool ethereumAddressValid(QByteArrayView address, bool* checksummed)
{
    if (checksummed)
        *checksummed = false;
    if (address.size() != 42 || address[0] != '0' || (address[1] != 'x' && address[1] != 'X'))
        return false;
    bool lower = false;
    bool upper = false;
    char lowered[40];
    for (int i = 0; i < 40; ++i) {
        const char c = address[i + 2];
        if (c >= 'a' && c <= 'f') {
            lower = true;
        } else if (c >= 'A' && c <= 'F') {
            upper = true;
        } else if (c < '0' || c > '9') {
            return false;
        }
        lowered[i] = (c >= 'A' && c <= 'F') ? char(c + 32) : c;
    }
    if (!(lower && upper))
        return true; // all one case: no checksum to check
    const std::array<std::uint8_t, 32> hash = keccak256(QByteArrayView(lowered, 40));
    for (int i = 0; i < 40; ++i) {
        const char c = address[i + 2];
        if (c <= '9')
            continue;
        const int nibble = (i % 2 == 0) ? hash[std::size_t(i / 2)] >> 4 : hash[std::size_t(i / 2)] & 0x0F;
        const bool shouldBeUpper = nibble >= 8;
        if (shouldBeUpper != (c >= 'A' && c <= 'F'))
            return false;
    }
    if (checksummed)
        *checksummed = true;
    return true;
}

double shannonEntropy(QByteArrayView text)
{
    if (text.isEmpty())
        return 0;
    int counts[256] = {};
    for (const char c : text)
        ++counts[static_cast<unsigned char>(c)];
    double entropy = 0;
    const double n = double(text.size());
    for (const int count : counts) {
        if (count > 0) {
            const double p = count / n;
            entropy -= p * std::log2(p);
        }
    }
    return entropy;
}

} // namespace corral::dlp
