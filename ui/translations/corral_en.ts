<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>corral::ui::ActivityPage</name>
    <message>
        <location filename="../ActivityPage.cpp" line="57"/>
        <source>&amp;From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="59"/>
        <source>&amp;To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="70"/>
        <source>All apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="71"/>
        <location filename="../ActivityPage.cpp" line="114"/>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="74"/>
        <source>Record type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="82"/>
        <source>All types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="91"/>
        <source>&amp;Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="97"/>
        <source>&amp;App:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="99"/>
        <source>T&amp;ype:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="113"/>
        <source>Audit records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="114"/>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="114"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="114"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="114"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="123"/>
        <source>Record details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="133"/>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="135"/>
        <source>Save the records the filters select for a SIEM or an auditor (JSON Lines, OCSF, CEF, syslog, or the records as hashed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="140"/>
        <source>Exporting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="289"/>
        <source>JSON Lines, verifiable with corral audit verify (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="290"/>
        <source>OCSF events (*.ocsf.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="290"/>
        <source>ArcSight CEF (*.cef)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="291"/>
        <source>Syslog, RFC 5424 (*.log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="291"/>
        <source>The whole log as hashed (*.records)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="294"/>
        <source>Export the activity log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="320"/>
        <source>Exporting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="331"/>
        <source>The export failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ActivityPage.cpp" line="338"/>
        <source>Saved %n record(s) to %1 (%2).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="342"/>
        <source>This format always holds the whole log, so the filters were not applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="345"/>
        <source>The log was verified and is intact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="347"/>
        <source>The log FAILED verification: the export may hold changed records. Tell your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="349"/>
        <source>The activity log failed verification while it was exported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="151"/>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="241"/>
        <source>The log could not be verified: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ActivityPage.cpp" line="256"/>
        <source>The activity log is intact: %n record(s), verified up to checkpoint %1.</source>
        <translation>
            <numerusform>The activity log is intact: %n record, verified up to checkpoint %1.</numerusform>
            <numerusform>The activity log is intact: %n records, verified up to checkpoint %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ActivityPage.cpp" line="258"/>
        <source>The activity log is intact: %n record(s); none is covered by a signed checkpoint yet.</source>
        <translation>
            <numerusform>The activity log is intact: %n record; it is not covered by a signed checkpoint yet.</numerusform>
            <numerusform>The activity log is intact: %n records; none is covered by a signed checkpoint yet.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="265"/>
        <source>%1 at record %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="270"/>
        <source>The activity log FAILED verification. It may have been changed. Tell your administrator.
%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>corral::ui::AgentConnection</name>
    <message>
        <location filename="../AgentConnection.cpp" line="24"/>
        <source>The agent closed the connection.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>corral::ui::AppsPage</name>
    <message>
        <location filename="../AppsPage.cpp" line="38"/>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="40"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="42"/>
        <source>Not started: the app or its inputs are not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="44"/>
        <source>Stopped by the policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="46"/>
        <source>Stopped: you denied a confirmation (or it timed out)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="48"/>
        <source>Stopped: a usage limit was reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="50"/>
        <source>Stopped: the app is paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="52"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="54"/>
        <location filename="../AppsPage.cpp" line="484"/>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="62"/>
        <source>%1 tokens in, %2 out, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="73"/>
        <source>production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="75"/>
        <source>waiting for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="77"/>
        <source>production refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="78"/>
        <source>development</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="96"/>
        <location filename="../AppsPage.cpp" line="236"/>
        <source>My apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="99"/>
        <source>&amp;New app…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="102"/>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="108"/>
        <source>&amp;Apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="127"/>
        <source>Request &amp;production…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="129"/>
        <source>Ask your organisation&apos;s reviewers to approve this app for production use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="139"/>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="142"/>
        <source>&amp;Cancel run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="163"/>
        <source>What the run did, with each policy decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="167"/>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="169"/>
        <source>Steps and &amp;decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="171"/>
        <source>&amp;Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="195"/>
        <source>Run history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="196"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="196"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="196"/>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="196"/>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="196"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="206"/>
        <source>&amp;Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="215"/>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="216"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="217"/>
        <source>Manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="359"/>
        <source>A path inside the app&apos;s connector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="391"/>
        <source>Progress of “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="464"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="473"/>
        <source>The run did not start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="497"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="523"/>
        <source>%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="523"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="525"/>
        <source>%1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="540"/>
        <source>Allowed to %1 (remembered permission)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="541"/>
        <source>You allowed it to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="542"/>
        <source>Policy allows it to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="544"/>
        <source>Asking you before it may %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="546"/>
        <source>You denied: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="547"/>
        <source>Policy denies: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="553"/>
        <source>Warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="557"/>
        <source>The app was paused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="639"/>
        <source>Fix the problems marked in the manifest before saving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="650"/>
        <source>Saved as revision %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="668"/>
        <source>Stage: production.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="668"/>
        <source>Stage: development (only you use it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="670"/>
        <source>Production requested %1; waiting for a reviewer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="673"/>
        <source>Approved by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="675"/>
        <source>Production was refused by %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="687"/>
        <source>Request production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="688"/>
        <source>Why should “%1” be used in production? Reviewers read this before they decide.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="708"/>
        <source>Request #%1 was sent to your organisation&apos;s reviewers. “%2” stays in development until it is approved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>corral::ui::ConfirmDialog</name>
    <message>
        <location filename="../ConfirmDialog.cpp" line="54"/>
        <source>Personal data: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="75"/>
        <source>write a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="77"/>
        <source>read files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="79"/>
        <source>list the files of a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="81"/>
        <source>contact a web service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="83"/>
        <source>send text to an AI model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="93"/>
        <source>Allow %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="96"/>
        <source>&lt;b&gt;%1&lt;/b&gt; wants to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="111"/>
        <source>App:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="112"/>
        <source>Step:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="113"/>
        <source>Action:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="115"/>
        <source>Target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="115"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="116"/>
        <source>Why you are asked:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="119"/>
        <source>&amp;Preview of the data:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="122"/>
        <source>Preview of the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="135"/>
        <source>Time left to answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="149"/>
        <source>Al&amp;ways for this app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="150"/>
        <source>Remember the answer: this app may do this again without asking. You can revoke it on the Grants page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="151"/>
        <source>Allow for this &amp;run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="152"/>
        <source>Allow this and the same action until the run ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="153"/>
        <source>&amp;Allow once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="153"/>
        <source>Allow only this one action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="154"/>
        <source>&amp;Deny</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="154"/>
        <source>Refuse: the run stops.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ConfirmDialog.cpp" line="246"/>
        <source>If you do not answer, Corral denies in %n second(s).</source>
        <translation>
            <numerusform>If you do not answer, Corral denies in %n second.</numerusform>
            <numerusform>If you do not answer, Corral denies in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>corral::ui::ErrorBanner</name>
    <message>
        <location filename="../ErrorBanner.cpp" line="15"/>
        <source>The Corral agent is not running and could not be started. Your apps cannot run until it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="18"/>
        <source>The connection to the Corral agent was lost. Restart the studio to reconnect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="20"/>
        <source>The Corral agent took too long to answer. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="22"/>
        <source>This app no longer exists. It may have been deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="24"/>
        <source>This app is paused because it went over a limit or an administrator paused it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="26"/>
        <source>Some of the run&apos;s inputs are missing or have the wrong form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="28"/>
        <source>The app&apos;s settings have a problem that must be fixed before it can be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="30"/>
        <source>The policy file was refused. The previous policy stays active.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="32"/>
        <source>This permission no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="34"/>
        <source>The export could not be saved there. Choose a file in a folder you can write to. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="37"/>
        <source>The activity log could not be read or exported. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="39"/>
        <source>This computer is not connected to an organisation server, so there is nobody to approve the request. Ask your administrator to connect it (corral enroll).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="42"/>
        <source>A request for this app is already waiting for a reviewer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="44"/>
        <source>This app is already approved for production.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="46"/>
        <source>The organisation server could not be reached. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="48"/>
        <source>The Corral agent is older than the studio and cannot do this yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="49"/>
        <source>Something went wrong in the Corral agent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="54"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="70"/>
        <source>Show the technical details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>corral::ui::GrantsPage</name>
    <message>
        <location filename="../GrantsPage.cpp" line="21"/>
        <source>&amp;Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../GrantsPage.cpp" line="25"/>
        <source>Remembered permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../GrantsPage.cpp" line="26"/>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../GrantsPage.cpp" line="26"/>
        <source>May</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../GrantsPage.cpp" line="26"/>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../GrantsPage.cpp" line="26"/>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../GrantsPage.cpp" line="42"/>
        <source>When you answer “Always for this app”, the app may do the same thing again without asking. Revoke a permission to be asked again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../GrantsPage.cpp" line="48"/>
        <source>Grants</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>corral::ui::MainWindow</name>
    <message>
        <location filename="../MainWindow.cpp" line="37"/>
        <source>Corral Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="40"/>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="50"/>
        <source>Templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="50"/>
        <source>Start a new app from a template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="51"/>
        <source>My apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="51"/>
        <source>Run your apps and see their history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="52"/>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="52"/>
        <source>Everything your apps did, verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="53"/>
        <source>Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="53"/>
        <source>Tokens, costs and limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="54"/>
        <source>Grants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="54"/>
        <source>Permissions you chose to remember</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="55"/>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="55"/>
        <source>Your organisation&apos;s rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="136"/>
        <source>New app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="136"/>
        <source>This template cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="153"/>
        <source>Agent: connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="153"/>
        <source>Agent: not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="162"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="163"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="167"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="168"/>
        <source>&amp;Find template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="175"/>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="181"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="182"/>
        <source>&amp;About Corral Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="188"/>
        <source>About Corral Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="189"/>
        <source>&lt;h3&gt;Corral Studio %1&lt;/h3&gt;&lt;p&gt;Build small AI tools from curated templates. Every app runs through the local agent, which enforces your organisation&apos;s policy and keeps a signed record of what it did.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>corral::ui::ManifestEditor</name>
    <message>
        <location filename="../ManifestEditor.cpp" line="27"/>
        <source>Manifest</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>corral::ui::ManifestWorkbench</name>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="36"/>
        <source>Check the quotes, commas and brackets near the mark.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="38"/>
        <source>Pick a model your organisation allows (the Model step lists them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="40"/>
        <source>Pick a model that can do this step&apos;s task, or change the task.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="42"/>
        <source>Choose a data handling rule the model permits, for example “Remove personal data”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="44"/>
        <source>Use a connector from the catalog that your organisation allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="46"/>
        <source>Add the connector to the “connectors” list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="48"/>
        <source>Correct the value at the mark; the message says what is expected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="50"/>
        <source>Use a {{placeholder}} that names an input, a step or the run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="52"/>
        <source>Use a smaller number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="53"/>
        <source>Correct the text at the mark.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="62"/>
        <source>Pre-deploy checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="67"/>
        <source>&amp;Pre-deploy checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="129"/>
        <source>The agent is not connected, so the policy could not be asked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="157"/>
        <source>Schema and catalog checks passed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="160"/>
        <source>Line %1, column %2: %3
How to fix: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="173"/>
        <source>Asking the policy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="175"/>
        <source>Your organisation&apos;s policy allows this app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="178"/>
        <source>The policy allows this app but will ask you to confirm some actions: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="181"/>
        <source>The policy refuses this app: %1
How to fix: change what the reason names, or ask your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="187"/>
        <source>All checks passed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ManifestWorkbench.cpp" line="189"/>
        <source>%n problem(s) to fix before saving.</source>
        <translation>
            <numerusform>%n problem to fix before saving.</numerusform>
            <numerusform>%n problems to fix before saving.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="191"/>
        <source>The manifest is valid.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>corral::ui::NewAppWizard</name>
    <message>
        <location filename="../NewAppWizard.cpp" line="58"/>
        <source>the catalog blocks this connector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="80"/>
        <source>Business data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="82"/>
        <source>Non-business data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="83"/>
        <source>Blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="97"/>
        <source>New app from “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="101"/>
        <source>&amp;Save app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="127"/>
        <source>Template: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="128"/>
        <source>Check that this template fits what you want to build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="135"/>
        <source>&lt;b&gt;%1&lt;/b&gt; – %2&lt;br&gt;&lt;b&gt;%3&lt;/b&gt; – %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="143"/>
        <source>What the app will do:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="183"/>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="185"/>
        <source>Choose a folder for “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="190"/>
        <source>A folder inside %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="193"/>
        <source>Choose a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="198"/>
        <source>Pick a folder inside %1: the app may only read there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="232"/>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="233"/>
        <source>Name the app and say what it is for. The purpose is recorded with everything it does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="239"/>
        <source>App name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="240"/>
        <source>Lower case letters, digits and &apos;-&apos;, up to 64 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="243"/>
        <source>App &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="267"/>
        <location filename="../NewAppWizard.cpp" line="272"/>
        <source>Connectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="268"/>
        <source>What the app may reach. Connectors your organisation blocks are shown greyed out with the reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="298"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="300"/>
        <source>The AI model the app uses. Each has a model card: what it is for, its limits and its price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="303"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="307"/>
        <source>Model card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="325"/>
        <source>Data handling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="326"/>
        <source>What may happen to personal data (names, e-mail addresses, phone numbers, ...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="335"/>
        <source>&amp;No personal data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="336"/>
        <source>The app refuses to send personal data to a model. Best for business documents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="337"/>
        <source>&amp;Remove personal data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="338"/>
        <source>Personal data is replaced by placeholders before it reaches a model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="339"/>
        <source>Personal data on &amp;this computer only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="340"/>
        <source>Personal data may be used, but only with models that run inside the organisation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="341"/>
        <source>Personal data &amp;allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="342"/>
        <source>Personal data may reach any allowed model. Usually needs approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="366"/>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="367"/>
        <source>The app&apos;s manifest and the checks it must pass. You can edit the text; Save stores the app in the development stage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="503"/>
        <source>Blocked by your organisation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="511"/>
        <source>This template&apos;s steps use this connector.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="518"/>
        <source>Tick to let the app use this connector too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="523"/>
        <source>This template needs %1, which your organisation blocks. Ask your administrator or pick another template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="543"/>
        <source>%1 in / %2 out per 1,000 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="546"/>
        <source>Restricted: the policy decides when it may be used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="549"/>
        <source>Not allowed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="549"/>
        <source>prohibited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="573"/>
        <source>&lt;h3&gt;%1&lt;/h3&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;&lt;b&gt;Made by:&lt;/b&gt; %3&lt;br&gt;&lt;b&gt;Runs:&lt;/b&gt; %4&lt;br&gt;&lt;b&gt;Reads up to:&lt;/b&gt; %5 tokens&lt;br&gt;&lt;b&gt;Knowledge up to:&lt;/b&gt; %6&lt;br&gt;&lt;b&gt;Price:&lt;/b&gt; %7 per 1,000 input tokens, %8 per 1,000 output tokens&lt;/p&gt;&lt;p&gt;&lt;b&gt;Intended use:&lt;/b&gt; %9&lt;/p&gt;&lt;p&gt;&lt;b&gt;Limitations:&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;%10&lt;/ul&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="577"/>
        <source>inside the organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="577"/>
        <source>with an outside provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="590"/>
        <source>Purpose: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="591"/>
        <source>Purpose: (answer the questions above)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="599"/>
        <source>Some answers cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="624"/>
        <source>Fix the problems marked in the manifest before saving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="628"/>
        <source>not connected to the agent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>corral::ui::PolicyPage</name>
    <message>
        <location filename="../PolicyPage.cpp" line="28"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="28"/>
        <source>Allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="28"/>
        <source>Why not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="44"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="45"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="63"/>
        <location filename="../PolicyPage.cpp" line="80"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="64"/>
        <location filename="../PolicyPage.cpp" line="85"/>
        <source>Connectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="65"/>
        <source>&amp;Install a policy file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="70"/>
        <source>Standalone mode: install a signed policy bundle (.tar.gz with its .minisig).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="73"/>
        <source>Install a policy file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="73"/>
        <source>Policy bundles (*.tar.gz)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="94"/>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="136"/>
        <source>Standalone (not connected to an organisation server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="141"/>
        <source>up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="142"/>
        <source>sending now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="143"/>
        <source>the server cannot be reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="144"/>
        <source>the server refused the last upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="145"/>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="148"/>
        <source>&lt;b&gt;Organisation server&lt;/b&gt;: %1 (%2).&lt;br&gt;This computer: device %3.&lt;br&gt;Last sync: %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="151"/>
        <source>not yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="153"/>
        <source>Activity records waiting to be sent: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="158"/>
        <source>Last problem: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="180"/>
        <source>managed by your organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="181"/>
        <source>standalone (this computer&apos;s own key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="183"/>
        <source>&lt;b&gt;Active policy&lt;/b&gt;: revision %1, serial %2, %3.&lt;br&gt;Signed by key %4, trusted key %5.&lt;br&gt;Activated %6.&lt;br&gt;Decision rules: %7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="191"/>
        <source>&lt;b&gt;No policy is active.&lt;/b&gt; Every action is denied until a valid policy loads. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="198"/>
        <source>The last policy file was refused (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>corral::ui::Studio</name>
    <message>
        <location filename="../Studio.cpp" line="46"/>
        <source>Corral Studio: build small AI tools from curated templates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../Studio.cpp" line="52"/>
        <source>Use a light or dark palette instead of the system&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../Studio.cpp" line="62"/>
        <source>Connect to the agent at this socket (never start one).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>corral::ui::StudioTray</name>
    <message>
        <location filename="../StudioTray.cpp" line="22"/>
        <source>Show Corral Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="28"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="42"/>
        <location filename="../StudioTray.cpp" line="50"/>
        <source>Corral agent: not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="43"/>
        <source>Corral agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="43"/>
        <source>The connection to the agent was lost. Your apps cannot run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="75"/>
        <source>“%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="78"/>
        <location filename="../StudioTray.cpp" line="84"/>
        <location filename="../StudioTray.cpp" line="141"/>
        <source>App paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="78"/>
        <source>“%1” was paused: %2. Resume it on the Usage page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="84"/>
        <source>“%1” is paused and did not run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="87"/>
        <source>Limit reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="87"/>
        <source>“%1” stopped: a usage limit was reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="89"/>
        <source>Run finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="89"/>
        <source>“%1” finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="150"/>
        <source>Standalone (not connected to an organisation server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="153"/>
        <source>Organisation server %1: not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="154"/>
        <source>Organisation server %1: last sync %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="156"/>
        <source> (the last attempt failed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="50"/>
        <source>Corral agent: connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="101"/>
        <source>Corral agent %1: running, policy serial %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="107"/>
        <source>Corral agent: running, but no policy is active (everything is denied)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="110"/>
        <source>Policy updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="75"/>
        <location filename="../StudioTray.cpp" line="128"/>
        <source>Soft limit reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="110"/>
        <source>A new policy is active: revision %1, serial %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="128"/>
        <source>%1 for %2 has passed its soft limit; at the hard limit runs stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="142"/>
        <source>“%1” is paused. Resume it on the Usage page.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>corral::ui::TemplateGalleryView</name>
    <message>
        <location filename="../TemplateGalleryView.cpp" line="16"/>
        <source>Templates</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>corral::ui::TemplateListModel</name>
    <message>
        <location filename="../TemplateListModel.cpp" line="92"/>
        <source>%1 Category: %2. Maturity: %3. Compliance: %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="142"/>
        <source>Experimental</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="144"/>
        <source>Beta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="146"/>
        <source>Stable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="153"/>
        <source>Experimental: new and still changing. Try it, but check its results carefully.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="155"/>
        <source>Beta: works for most uses; details may still change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="157"/>
        <source>Stable: proven in everyday use and kept compatible.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="164"/>
        <source>Not reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="166"/>
        <source>Reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="168"/>
        <source>Certified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="175"/>
        <source>Not reviewed: compliance has not checked this template yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="177"/>
        <source>Reviewed: compliance has checked this template&apos;s data handling.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="179"/>
        <source>Certified: approved by compliance for use with business data.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>corral::ui::TemplatesPage</name>
    <message>
        <location filename="../TemplatesPage.cpp" line="50"/>
        <location filename="../TemplatesPage.cpp" line="53"/>
        <source>Templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="57"/>
        <location filename="../TemplatesPage.cpp" line="58"/>
        <source>Search templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="65"/>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="75"/>
        <source>Start from a curated template. Select one to see the manifest it will create: the steps, connectors and model your app will use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="139"/>
        <source>Clear search and filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="162"/>
        <source>&amp;Manifest preview (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="167"/>
        <source>Manifest preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="168"/>
        <source>The manifest this template creates, read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="173"/>
        <source>&amp;Use this template…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="175"/>
        <source>Start the New app wizard with this template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="203"/>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="206"/>
        <source>The templates could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="216"/>
        <location filename="../TemplatesPage.cpp" line="222"/>
        <source>Show technical details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="222"/>
        <source>Hide technical details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="224"/>
        <source>&amp;Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="263"/>
        <source>Corral cannot find or read its templates folder. Reinstalling Corral restores it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="265"/>
        <source>One of the templates is damaged or incomplete, so none can be shown. Ask whoever maintains your templates to fix the file named below, or reinstall Corral to restore the shipped ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="269"/>
        <source>Folder: %1
Error code: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="281"/>
        <source>All categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="305"/>
        <source>There are no templates in %1 yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="307"/>
        <source>No templates in %2 match “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="309"/>
        <source>No templates match “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="311"/>
        <source>No templates in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="337"/>
        <source>No template selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="345"/>
        <source>%1 · version %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>corral::ui::UsagePage</name>
    <message>
        <location filename="../UsagePage.cpp" line="35"/>
        <source>Tokens today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="37"/>
        <source>Cost this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="39"/>
        <source>Requests this minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="41"/>
        <source>Runs at the same time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="47"/>
        <source>%1 (you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="48"/>
        <source>%1 (%2 %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="80"/>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="81"/>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="82"/>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="83"/>
        <source>Last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="91"/>
        <source>Tokens per app per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="93"/>
        <source>Cost per app per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="100"/>
        <source>Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="101"/>
        <source>&amp;Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="108"/>
        <source>Limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="171"/>
        <source>Cost per day (USD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="171"/>
        <source>Tokens per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="211"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="219"/>
        <source>warns at %1, stops at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="221"/>
        <source>Over the soft limit: you are warned; at the hard limit runs stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="239"/>
        <source>“%1” is paused: it went over a limit or an administrator paused it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="241"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="243"/>
        <source>Resume %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
