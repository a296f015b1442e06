// SPDX-License-Identifier: Apache-2.0
// Helper for the crash test: appends to the audit log at argv[1] from two threads until
// killed, printing each seq on its own line as soon as append() has acknowledged it.
#include "AuditTestSupport.h"

#include <QCoreApplication>
#include <cstdio>
#include <mutex>
#include <thread>

using namespace corral;
using namespace corral::audit;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: audit_crash_child DB\n");
        return 2;
    }
    AuditLog::Options o = test::options(&Clock::system(), 50);
    o.timer = true;
    o.checkpointIntervalMs = 20;
    Result<std::unique_ptr<AuditLog>> log = AuditLog::open(QString::fromLocal8Bit(argv[1]), test::deviceKey(), o);
    if (!log) {
        std::fprintf(stderr, "%s\n", qPrintable(log.error().toString()));
        return 1;
    }
    std::mutex out;
    auto appender = [&](int id) {
        for (int i = 0;; ++i) {
            Result<std::uint64_t> seq = (*log)->append(events::note(QStringLiteral("writer %1 #%2").arg(id).arg(i)));
            if (!seq) {
                std::fprintf(stderr, "%s\n", qPrintable(seq.error().toString()));
                std::_Exit(1);
            }
            std::lock_guard lock(out);
            std::printf("%llu\n", static_cast<unsigned long long>(*seq));
            std::fflush(stdout);
        }
    };
    std::thread a(appender, 1);
    std::thread b(appender, 2);
    a.join();
    b.join();
    return 0;
}
