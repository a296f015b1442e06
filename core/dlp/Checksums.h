// SPDX-License-Identifier: Apache-2.0
// The check digits and checksums that tell a real identifier from a look-alike number:
// Luhn (cards), ISO 13616 mod 97 (IBAN), mod 11 (NHS), Base58Check and Bech32 (Bitcoin),
// EIP-55 (Ethereum, over Keccak-256). Inputs are ASCII; separators must be removed first.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <array>
#include <cstdint>

namespace corral::dlp {

// Luhn mod 10 over decimal digits.
bool luhnValid(QByteArrayView digits);

// An IBAN without spaces, upper case: known country, that country's length, mod 97 == 1.
bool ibanValid(QByteArrayView iban);
// The IBAN length for a two-letter country code, 0 when the country has no IBAN.
int ibanLength(char c0, char c1);

// Ten digits whose tenth is the mod 11 check digit of the first nine (NHS numbers).
bool nhsValid(QByteArrayView digits);

// A Base58Check string decoding to 25 bytes with version 0x00 (P2PKH) or 0x05 (P2SH) whose
// last four bytes are the start of the double SHA-256 of the first 21.
bool bitcoinBase58Valid(QByteArrayView address);
// A segwit address "bc1..." with a valid Bech32 (witness v0) or Bech32m (v1+) checksum.
bool bitcoinBech32Valid(QByteArrayView address);

// Keccak-256 as Ethereum uses it (the original Keccak padding, not SHA3-256).
std::array<std::uint8_t, 32> keccak256(QByteArrayView data);
// "0x" + 40 hex digits; when the letters are of mixed case, their case must follow EIP-55.
// `checksummed` tells whether the case carried a checksum that was verified.
bool ethereumAddressValid(QByteArrayView address, bool* checksummed = nullptr);

// Shannon entropy in bits per byte.
double shannonEntropy(QByteArrayView text);

} // namespace corral::dlp
