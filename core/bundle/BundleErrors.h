// SPDX-License-Identifier: Apache-2.0
// The stable error codes of policy bundles. A refused bundle is audited as
// `policy.rejected` with one of these codes, so they never change meaning once shipped.
#pragma once

#include <QLatin1String>

namespace corral::bundle::errc {

// Archive (the .tar.gz itself)
inline constexpr QLatin1String kArchiveCorrupt{"bundle.archive_corrupt"};    // truncated, bad gzip/tar, trailing bytes
inline constexpr QLatin1String kArchiveTooLarge{"bundle.archive_too_large"}; // compressed size over the limit
inline constexpr QLatin1String kEntryPath{"bundle.entry_path"};              // absolute, `..`, empty or odd path
inline constexpr QLatin1String kEntryType{"bundle.entry_type"};              // link, device, fifo, sparse ...
inline constexpr QLatin1String kEntryDuplicate{"bundle.entry_duplicate"};    // the same name twice
inline constexpr QLatin1String kEntryUnexpected{"bundle.entry_unexpected"};  // a file a bundle does not hold
inline constexpr QLatin1String kTooManyEntries{"bundle.too_many_entries"};
inline constexpr QLatin1String kTooLarge{"bundle.too_large"}; // unpacked size over the limit
inline constexpr QLatin1String kCompressionRatio{"bundle.compression_ratio"};

// Content
inline constexpr QLatin1String kManifestMissing{"bundle.manifest_missing"};
inline constexpr QLatin1String kManifestInvalid{"bundle.manifest_invalid"}; // not JSON, wrong types, bad serial
inline constexpr QLatin1String kDataInvalid{"bundle.data_invalid"};         // a data.json that is not JSON
inline constexpr QLatin1String kDataConflict{"bundle.data_conflict"};       // two files define the same data path
inline constexpr QLatin1String kRootsOverlap{"bundle.roots_overlap"};
inline constexpr QLatin1String kOutsideRoots{"bundle.outside_roots"};       // a package or data path under no root
inline constexpr QLatin1String kRegoInvalid{"bundle.rego_invalid"};         // no package clause, not UTF-8
inline constexpr QLatin1String kRegoCompile{"bundle.rego_compile"};         // the policy engine refused the modules
inline constexpr QLatin1String kDecisionPackage{"bundle.decision_package"}; // a decision package with no module

// Signature and trust
inline constexpr QLatin1String kSignatureMalformed{"bundle.signature_malformed"}; // not a minisign signature file
inline constexpr QLatin1String kSignatureUntrusted{"bundle.signature_untrusted"}; // signed by a key not trusted
inline constexpr QLatin1String kSignatureInvalid{"bundle.signature_invalid"};     // trusted key id, bad signature
inline constexpr QLatin1String kSerialMismatch{"bundle.serial_mismatch"};  // trusted comment and .manifest disagree
inline constexpr QLatin1String kSerialNotNewer{"bundle.serial_not_newer"}; // not higher than the active bundle
inline constexpr QLatin1String kNoTrustRoot{"bundle.no_trust_root"};

// Store
inline constexpr QLatin1String kStoreIo{"bundle.store_io"};       // the last good bundle could not be persisted or read
inline constexpr QLatin1String kBuildInput{"bundle.build_input"}; // a source folder file that cannot be read

} // namespace corral::bundle::errc
