<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>corral::ui::ActivityPage</name>
    <message>
        <location filename="../ActivityPage.cpp" line="57"/>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="59"/>
        <source>&amp;To</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="70"/>
        <source>All apps</source>
        <translation>Alle Apps</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="71"/>
        <location filename="../ActivityPage.cpp" line="114"/>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="74"/>
        <source>Record type</source>
        <translation>Eintragstyp</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="82"/>
        <source>All types</source>
        <translation>Alle Typen</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="91"/>
        <source>&amp;Show</source>
        <translation>&amp;Anzeigen</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="97"/>
        <source>&amp;App:</source>
        <translation>&amp;App:</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="99"/>
        <source>T&amp;ype:</source>
        <translation>T&amp;yp:</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="113"/>
        <source>Audit records</source>
        <translation>Protokolleinträge</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="114"/>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="114"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="114"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="114"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="123"/>
        <source>Record details</source>
        <translation>Details des Eintrags</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="133"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="135"/>
        <source>Save the records the filters select for a SIEM or an auditor (JSON Lines, OCSF, CEF, syslog, or the records as hashed).</source>
        <translation>Die von den Filtern gewählten Einträge für ein SIEM oder eine Prüfung speichern (JSON Lines, OCSF, CEF, Syslog oder die Einträge wie gehasht).</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="140"/>
        <source>Exporting</source>
        <translation>Export läuft</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="289"/>
        <source>JSON Lines, verifiable with corral audit verify (*.jsonl)</source>
        <translation>JSON Lines, prüfbar mit corral audit verify (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="290"/>
        <source>OCSF events (*.ocsf.jsonl)</source>
        <translation>OCSF-Ereignisse (*.ocsf.jsonl)</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="290"/>
        <source>ArcSight CEF (*.cef)</source>
        <translation>ArcSight CEF (*.cef)</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="291"/>
        <source>Syslog, RFC 5424 (*.log)</source>
        <translation>Syslog, RFC 5424 (*.log)</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="291"/>
        <source>The whole log as hashed (*.records)</source>
        <translation>Das ganze Protokoll wie gehasht (*.records)</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="294"/>
        <source>Export the activity log</source>
        <translation>Aktivitätsprotokoll exportieren</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="320"/>
        <source>Exporting to %1…</source>
        <translation>Export nach %1…</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="331"/>
        <source>The export failed.</source>
        <translation>Der Export ist fehlgeschlagen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ActivityPage.cpp" line="338"/>
        <source>Saved %n record(s) to %1 (%2).</source>
        <translation>
            <numerusform>%n Eintrag nach %1 gespeichert (%2).</numerusform>
            <numerusform>%n Einträge nach %1 gespeichert (%2).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="342"/>
        <source>This format always holds the whole log, so the filters were not applied.</source>
        <translation>Dieses Format enthält immer das ganze Protokoll; die Filter wurden nicht angewendet.</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="345"/>
        <source>The log was verified and is intact.</source>
        <translation>Das Protokoll wurde geprüft und ist unversehrt.</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="347"/>
        <source>The log FAILED verification: the export may hold changed records. Tell your administrator.</source>
        <translation>Das Protokoll hat die Prüfung NICHT bestanden: Der Export kann veränderte Einträge enthalten. Informieren Sie Ihre Administration.</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="349"/>
        <source>The activity log failed verification while it was exported.</source>
        <translation>Das Aktivitätsprotokoll hat beim Export die Prüfung nicht bestanden.</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="151"/>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="241"/>
        <source>The log could not be verified: %1</source>
        <translation>Das Protokoll konnte nicht geprüft werden: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ActivityPage.cpp" line="256"/>
        <source>The activity log is intact: %n record(s), verified up to checkpoint %1.</source>
        <translation>
            <numerusform>Das Aktivitätsprotokoll ist unversehrt: %n Eintrag, geprüft bis Prüfpunkt %1.</numerusform>
            <numerusform>Das Aktivitätsprotokoll ist unversehrt: %n Einträge, geprüft bis Prüfpunkt %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ActivityPage.cpp" line="258"/>
        <source>The activity log is intact: %n record(s); none is covered by a signed checkpoint yet.</source>
        <translation>
            <numerusform>Das Aktivitätsprotokoll ist unversehrt: %n Eintrag; noch keiner ist durch einen signierten Prüfpunkt gedeckt.</numerusform>
            <numerusform>Das Aktivitätsprotokoll ist unversehrt: %n Einträge; noch keiner ist durch einen signierten Prüfpunkt gedeckt.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="265"/>
        <source>%1 at record %2: %3</source>
        <translation>%1 bei Eintrag %2: %3</translation>
    </message>
    <message>
        <location filename="../ActivityPage.cpp" line="270"/>
        <source>The activity log FAILED verification. It may have been changed. Tell your administrator.
%1</source>
        <translation>Die Prüfung des Aktivitätsprotokolls ist FEHLGESCHLAGEN. Es wurde möglicherweise verändert. Informieren Sie Ihre Administration.
%1</translation>
    </message>
</context>
<context>
    <name>corral::ui::AgentConnection</name>
    <message>
        <location filename="../AgentConnection.cpp" line="24"/>
        <source>The agent closed the connection.</source>
        <translation>Der Agent hat die Verbindung beendet.</translation>
    </message>
</context>
<context>
    <name>corral::ui::AppsPage</name>
    <message>
        <location filename="../AppsPage.cpp" line="38"/>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="40"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="42"/>
        <source>Not started: the app or its inputs are not valid</source>
        <translation>Nicht gestartet: Die App oder ihre Eingaben sind ungültig</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="44"/>
        <source>Stopped by the policy</source>
        <translation>Von der Richtlinie gestoppt</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="46"/>
        <source>Stopped: you denied a confirmation (or it timed out)</source>
        <translation>Gestoppt: Sie haben eine Bestätigung abgelehnt (oder die Zeit lief ab)</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="48"/>
        <source>Stopped: a usage limit was reached</source>
        <translation>Gestoppt: Ein Nutzungslimit wurde erreicht</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="50"/>
        <source>Stopped: the app is paused</source>
        <translation>Gestoppt: Die App ist pausiert</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="52"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="54"/>
        <location filename="../AppsPage.cpp" line="484"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="62"/>
        <source>%1 tokens in, %2 out, %3</source>
        <translation>%1 Tokens hinein, %2 heraus, %3</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="73"/>
        <source>production</source>
        <translation>Produktion</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="75"/>
        <source>waiting for approval</source>
        <translation>wartet auf Freigabe</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="77"/>
        <source>production refused</source>
        <translation>Produktion abgelehnt</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="78"/>
        <source>development</source>
        <translation>Entwicklung</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="96"/>
        <location filename="../AppsPage.cpp" line="236"/>
        <source>My apps</source>
        <translation>Meine Apps</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="99"/>
        <source>&amp;New app…</source>
        <translation>&amp;Neue App …</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="102"/>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="108"/>
        <source>&amp;Apps</source>
        <translation>&amp;Apps</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="127"/>
        <source>Request &amp;production…</source>
        <translation>&amp;Produktion beantragen…</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="129"/>
        <source>Ask your organisation&apos;s reviewers to approve this app for production use.</source>
        <translation>Die Prüfer Ihrer Organisation bitten, diese App für den Produktivbetrieb freizugeben.</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="139"/>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="142"/>
        <source>&amp;Cancel run</source>
        <translation>Ausführung a&amp;bbrechen</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="163"/>
        <source>What the run did, with each policy decision</source>
        <translation>Was die Ausführung getan hat, mit jeder Entscheidung der Richtlinie</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="167"/>
        <source>Output</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="169"/>
        <source>Steps and &amp;decisions</source>
        <translation>Schritte und &amp;Entscheidungen</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="171"/>
        <source>&amp;Output</source>
        <translation>&amp;Ergebnis</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="195"/>
        <source>Run history</source>
        <translation>Verlauf der Ausführungen</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="196"/>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="196"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="196"/>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="196"/>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="196"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="206"/>
        <source>&amp;Save changes</source>
        <translation>Änderungen &amp;speichern</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="215"/>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="216"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="217"/>
        <source>Manifest</source>
        <translation>Manifest</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="359"/>
        <source>A path inside the app&apos;s connector</source>
        <translation>Ein Pfad innerhalb des Connectors der App</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="391"/>
        <source>Progress of “%1”</source>
        <translation>Fortschritt von „%1“</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="464"/>
        <source>Starting…</source>
        <translation>Wird gestartet …</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="473"/>
        <source>The run did not start.</source>
        <translation>Die Ausführung wurde nicht gestartet.</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="497"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="523"/>
        <source>%1</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="523"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="525"/>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="540"/>
        <source>Allowed to %1 (remembered permission)</source>
        <translation>Darf %1 (gespeicherte Erlaubnis)</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="541"/>
        <source>You allowed it to %1</source>
        <translation>Sie haben erlaubt: %1</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="542"/>
        <source>Policy allows it to %1</source>
        <translation>Die Richtlinie erlaubt: %1</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="544"/>
        <source>Asking you before it may %1</source>
        <translation>Sie werden gefragt, bevor die App %1 darf</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="546"/>
        <source>You denied: %1</source>
        <translation>Sie haben abgelehnt: %1</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="547"/>
        <source>Policy denies: %1</source>
        <translation>Die Richtlinie verbietet: %1</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="553"/>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="557"/>
        <source>The app was paused: %1</source>
        <translation>Die App wurde pausiert: %1</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="639"/>
        <source>Fix the problems marked in the manifest before saving.</source>
        <translation>Beheben Sie vor dem Speichern die markierten Probleme im Manifest.</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="650"/>
        <source>Saved as revision %1.</source>
        <translation>Als Revision %1 gespeichert.</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="668"/>
        <source>Stage: production.</source>
        <translation>Stufe: Produktion.</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="668"/>
        <source>Stage: development (only you use it).</source>
        <translation>Stufe: Entwicklung (nur Sie nutzen sie).</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="670"/>
        <source>Production requested %1; waiting for a reviewer.</source>
        <translation>Produktion beantragt am %1; wartet auf eine Prüfung.</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="673"/>
        <source>Approved by %1.</source>
        <translation>Freigegeben von %1.</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="675"/>
        <source>Production was refused by %1: %2</source>
        <translation>Produktion abgelehnt von %1: %2</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="687"/>
        <source>Request production</source>
        <translation>Produktion beantragen</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="688"/>
        <source>Why should “%1” be used in production? Reviewers read this before they decide.</source>
        <translation>Warum soll „%1“ produktiv genutzt werden? Die Prüfer lesen das, bevor sie entscheiden.</translation>
    </message>
    <message>
        <location filename="../AppsPage.cpp" line="708"/>
        <source>Request #%1 was sent to your organisation&apos;s reviewers. “%2” stays in development until it is approved.</source>
        <translation>Antrag Nr. %1 wurde an die Prüfer Ihrer Organisation gesendet. „%2“ bleibt in Entwicklung, bis er freigegeben ist.</translation>
    </message>
</context>
<context>
    <name>corral::ui::ConfirmDialog</name>
    <message>
        <location filename="../ConfirmDialog.cpp" line="54"/>
        <source>Personal data: %1</source>
        <translation>Personenbezogene Daten: %1</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="75"/>
        <source>write a file</source>
        <translation>eine Datei schreiben</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="77"/>
        <source>read files</source>
        <translation>Dateien lesen</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="79"/>
        <source>list the files of a folder</source>
        <translation>die Dateien eines Ordners auflisten</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="81"/>
        <source>contact a web service</source>
        <translation>einen Webdienst kontaktieren</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="83"/>
        <source>send text to an AI model</source>
        <translation>Text an ein KI-Modell senden</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="93"/>
        <source>Allow %1?</source>
        <translation>%1 erlauben?</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="96"/>
        <source>&lt;b&gt;%1&lt;/b&gt; wants to %2.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; möchte %2.</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="111"/>
        <source>App:</source>
        <translation>App:</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="112"/>
        <source>Step:</source>
        <translation>Schritt:</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="113"/>
        <source>Action:</source>
        <translation>Aktion:</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="115"/>
        <source>Target:</source>
        <translation>Ziel:</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="115"/>
        <source>(none)</source>
        <translation>(keines)</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="116"/>
        <source>Why you are asked:</source>
        <translation>Warum Sie gefragt werden:</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="119"/>
        <source>&amp;Preview of the data:</source>
        <translation>&amp;Vorschau der Daten:</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="122"/>
        <source>Preview of the data</source>
        <translation>Vorschau der Daten</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="135"/>
        <source>Time left to answer</source>
        <translation>Verbleibende Zeit zum Antworten</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="149"/>
        <source>Al&amp;ways for this app</source>
        <translation>&amp;Immer für diese App</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="150"/>
        <source>Remember the answer: this app may do this again without asking. You can revoke it on the Grants page.</source>
        <translation>Antwort merken: Diese App darf das künftig ohne Nachfrage tun. Sie können das auf der Seite „Erlaubnisse“ widerrufen.</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="151"/>
        <source>Allow for this &amp;run</source>
        <translation>Für diese &amp;Ausführung erlauben</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="152"/>
        <source>Allow this and the same action until the run ends.</source>
        <translation>Diese und dieselbe Aktion bis zum Ende der Ausführung erlauben.</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="153"/>
        <source>&amp;Allow once</source>
        <translation>&amp;Einmal erlauben</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="153"/>
        <source>Allow only this one action.</source>
        <translation>Nur diese eine Aktion erlauben.</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="154"/>
        <source>&amp;Deny</source>
        <translation>A&amp;blehnen</translation>
    </message>
    <message>
        <location filename="../ConfirmDialog.cpp" line="154"/>
        <source>Refuse: the run stops.</source>
        <translation>Ablehnen: Die Ausführung stoppt.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ConfirmDialog.cpp" line="246"/>
        <source>If you do not answer, Corral denies in %n second(s).</source>
        <translation>
            <numerusform>Wenn Sie nicht antworten, lehnt Corral in %n Sekunde ab.</numerusform>
            <numerusform>Wenn Sie nicht antworten, lehnt Corral in %n Sekunden ab.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>corral::ui::ErrorBanner</name>
    <message>
        <location filename="../ErrorBanner.cpp" line="15"/>
        <source>The Corral agent is not running and could not be started. Your apps cannot run until it is back.</source>
        <translation>Der Corral-Agent läuft nicht und konnte nicht gestartet werden. Ihre Apps können erst wieder laufen, wenn er zurück ist.</translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="18"/>
        <source>The connection to the Corral agent was lost. Restart the studio to reconnect.</source>
        <translation>Die Verbindung zum Corral-Agenten ist abgebrochen. Starten Sie das Studio neu, um sich wieder zu verbinden.</translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="20"/>
        <source>The Corral agent took too long to answer. Try again in a moment.</source>
        <translation>Der Corral-Agent hat zu lange nicht geantwortet. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="22"/>
        <source>This app no longer exists. It may have been deleted.</source>
        <translation>Diese App gibt es nicht mehr. Sie wurde vielleicht gelöscht.</translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="24"/>
        <source>This app is paused because it went over a limit or an administrator paused it.</source>
        <translation>Diese App ist pausiert, weil sie ein Limit überschritten hat oder von der Administration angehalten wurde.</translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="26"/>
        <source>Some of the run&apos;s inputs are missing or have the wrong form.</source>
        <translation>Einige Eingaben der Ausführung fehlen oder haben die falsche Form.</translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="28"/>
        <source>The app&apos;s settings have a problem that must be fixed before it can be saved.</source>
        <translation>Die Einstellungen der App haben ein Problem, das vor dem Speichern behoben werden muss.</translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="30"/>
        <source>The policy file was refused. The previous policy stays active.</source>
        <translation>Die Richtliniendatei wurde abgelehnt. Die bisherige Richtlinie bleibt aktiv.</translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="32"/>
        <source>This permission no longer exists.</source>
        <translation>Diese Erlaubnis gibt es nicht mehr.</translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="34"/>
        <source>The export could not be saved there. Choose a file in a folder you can write to. Nothing was saved.</source>
        <translation>Der Export konnte dort nicht gespeichert werden. Wählen Sie eine Datei in einem Ordner, in den Sie schreiben dürfen. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="37"/>
        <source>The activity log could not be read or exported. Nothing was saved.</source>
        <translation>Das Aktivitätsprotokoll konnte nicht gelesen oder exportiert werden. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="39"/>
        <source>This computer is not connected to an organisation server, so there is nobody to approve the request. Ask your administrator to connect it (corral enroll).</source>
        <translation>Dieser Computer ist mit keinem Server einer Organisation verbunden, daher kann niemand den Antrag freigeben. Bitten Sie Ihre Administration, ihn zu verbinden (corral enroll).</translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="42"/>
        <source>A request for this app is already waiting for a reviewer.</source>
        <translation>Für diese App wartet bereits ein Antrag auf Prüfung.</translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="44"/>
        <source>This app is already approved for production.</source>
        <translation>Diese App ist bereits für die Produktion freigegeben.</translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="46"/>
        <source>The organisation server could not be reached. Try again later.</source>
        <translation>Der Server der Organisation war nicht erreichbar. Versuchen Sie es später noch einmal.</translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="48"/>
        <source>The Corral agent is older than the studio and cannot do this yet.</source>
        <translation>Der Corral-Agent ist älter als das Studio und kann das noch nicht.</translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="49"/>
        <source>Something went wrong in the Corral agent.</source>
        <translation>Im Corral-Agenten ist etwas schiefgegangen.</translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="54"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../ErrorBanner.cpp" line="70"/>
        <source>Show the technical details</source>
        <translation>Die technischen Details anzeigen</translation>
    </message>
</context>
<context>
    <name>corral::ui::GrantsPage</name>
    <message>
        <location filename="../GrantsPage.cpp" line="21"/>
        <source>&amp;Revoke</source>
        <translation>&amp;Widerrufen</translation>
    </message>
    <message>
        <location filename="../GrantsPage.cpp" line="25"/>
        <source>Remembered permissions</source>
        <translation>Gespeicherte Erlaubnisse</translation>
    </message>
    <message>
        <location filename="../GrantsPage.cpp" line="26"/>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <location filename="../GrantsPage.cpp" line="26"/>
        <source>May</source>
        <translation>Darf</translation>
    </message>
    <message>
        <location filename="../GrantsPage.cpp" line="26"/>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <location filename="../GrantsPage.cpp" line="26"/>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <location filename="../GrantsPage.cpp" line="42"/>
        <source>When you answer “Always for this app”, the app may do the same thing again without asking. Revoke a permission to be asked again.</source>
        <translation>Wenn Sie „Immer für diese App“ antworten, darf die App dasselbe künftig ohne Nachfrage tun. Widerrufen Sie eine Erlaubnis, um wieder gefragt zu werden.</translation>
    </message>
    <message>
        <location filename="../GrantsPage.cpp" line="48"/>
        <source>Grants</source>
        <translation>Erlaubnisse</translation>
    </message>
</context>
<context>
    <name>corral::ui::MainWindow</name>
    <message>
        <location filename="../MainWindow.cpp" line="37"/>
        <source>Corral Studio</source>
        <translation>Corral Studio</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="40"/>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="50"/>
        <source>Templates</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="50"/>
        <source>Start a new app from a template</source>
        <translation>Eine neue App aus einer Vorlage erstellen</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="51"/>
        <source>My apps</source>
        <translation>Meine Apps</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="51"/>
        <source>Run your apps and see their history</source>
        <translation>Ihre Apps ausführen und ihren Verlauf ansehen</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="52"/>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="52"/>
        <source>Everything your apps did, verified</source>
        <translation>Alles, was Ihre Apps getan haben, geprüft</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="53"/>
        <source>Usage</source>
        <translation>Nutzung</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="53"/>
        <source>Tokens, costs and limits</source>
        <translation>Tokens, Kosten und Limits</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="54"/>
        <source>Grants</source>
        <translation>Erlaubnisse</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="54"/>
        <source>Permissions you chose to remember</source>
        <translation>Erlaubnisse, die Sie gespeichert haben</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="55"/>
        <source>Policy</source>
        <translation>Richtlinie</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="55"/>
        <source>Your organisation&apos;s rules</source>
        <translation>Die Regeln Ihrer Organisation</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="136"/>
        <source>New app</source>
        <translation>Neue App</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="136"/>
        <source>This template cannot be used: %1</source>
        <translation>Diese Vorlage kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="153"/>
        <source>Agent: connected</source>
        <translation>Agent: verbunden</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="153"/>
        <source>Agent: not connected</source>
        <translation>Agent: nicht verbunden</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="162"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="163"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="167"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="168"/>
        <source>&amp;Find template</source>
        <translation>Vorlage &amp;suchen</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="175"/>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="181"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="182"/>
        <source>&amp;About Corral Studio</source>
        <translation>Ü&amp;ber Corral Studio</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="188"/>
        <source>About Corral Studio</source>
        <translation>Über Corral Studio</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="189"/>
        <source>&lt;h3&gt;Corral Studio %1&lt;/h3&gt;&lt;p&gt;Build small AI tools from curated templates. Every app runs through the local agent, which enforces your organisation&apos;s policy and keeps a signed record of what it did.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Corral Studio %1&lt;/h3&gt;&lt;p&gt;Erstellen Sie kleine KI-Werkzeuge aus geprüften Vorlagen. Jede App läuft über den lokalen Agenten, der die Richtlinien Ihrer Organisation durchsetzt und signiert festhält, was sie getan hat.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>corral::ui::ManifestEditor</name>
    <message>
        <location filename="../ManifestEditor.cpp" line="27"/>
        <source>Manifest</source>
        <translation>Manifest</translation>
    </message>
</context>
<context>
    <name>corral::ui::ManifestWorkbench</name>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="36"/>
        <source>Check the quotes, commas and brackets near the mark.</source>
        <translation>Prüfen Sie Anführungszeichen, Kommas und Klammern an der Markierung.</translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="38"/>
        <source>Pick a model your organisation allows (the Model step lists them).</source>
        <translation>Wählen Sie ein Modell, das Ihre Organisation erlaubt (der Schritt „Modell“ listet sie auf).</translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="40"/>
        <source>Pick a model that can do this step&apos;s task, or change the task.</source>
        <translation>Wählen Sie ein Modell, das die Aufgabe dieses Schritts kann, oder ändern Sie die Aufgabe.</translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="42"/>
        <source>Choose a data handling rule the model permits, for example “Remove personal data”.</source>
        <translation>Wählen Sie eine Regel für den Umgang mit Daten, die das Modell erlaubt, zum Beispiel „Personenbezogene Daten entfernen“.</translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="44"/>
        <source>Use a connector from the catalog that your organisation allows.</source>
        <translation>Verwenden Sie einen Connector aus dem Katalog, den Ihre Organisation erlaubt.</translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="46"/>
        <source>Add the connector to the “connectors” list.</source>
        <translation>Fügen Sie den Connector der Liste „connectors“ hinzu.</translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="48"/>
        <source>Correct the value at the mark; the message says what is expected.</source>
        <translation>Korrigieren Sie den Wert an der Markierung; die Meldung sagt, was erwartet wird.</translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="50"/>
        <source>Use a {{placeholder}} that names an input, a step or the run.</source>
        <translation>Verwenden Sie einen {{Platzhalter}}, der eine Eingabe, einen Schritt oder die Ausführung benennt.</translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="52"/>
        <source>Use a smaller number.</source>
        <translation>Verwenden Sie eine kleinere Zahl.</translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="53"/>
        <source>Correct the text at the mark.</source>
        <translation>Korrigieren Sie den Text an der Markierung.</translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="62"/>
        <source>Pre-deploy checks</source>
        <translation>Prüfungen vor dem Einsatz</translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="67"/>
        <source>&amp;Pre-deploy checks</source>
        <translation>&amp;Prüfungen vor dem Einsatz</translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="129"/>
        <source>The agent is not connected, so the policy could not be asked.</source>
        <translation>Der Agent ist nicht verbunden, daher konnte die Richtlinie nicht gefragt werden.</translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="157"/>
        <source>Schema and catalog checks passed.</source>
        <translation>Schema- und Katalogprüfungen bestanden.</translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="160"/>
        <source>Line %1, column %2: %3
How to fix: %4</source>
        <translation>Zeile %1, Spalte %2: %3
So beheben Sie es: %4</translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="173"/>
        <source>Asking the policy…</source>
        <translation>Die Richtlinie wird gefragt …</translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="175"/>
        <source>Your organisation&apos;s policy allows this app.</source>
        <translation>Die Richtlinie Ihrer Organisation erlaubt diese App.</translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="178"/>
        <source>The policy allows this app but will ask you to confirm some actions: %1</source>
        <translation>Die Richtlinie erlaubt diese App, wird Sie aber einige Aktionen bestätigen lassen: %1</translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="181"/>
        <source>The policy refuses this app: %1
How to fix: change what the reason names, or ask your administrator.</source>
        <translation>Die Richtlinie lehnt diese App ab: %1
So beheben Sie es: Ändern Sie, was der Grund nennt, oder fragen Sie Ihre Administration.</translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="187"/>
        <source>All checks passed.</source>
        <translation>Alle Prüfungen bestanden.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ManifestWorkbench.cpp" line="189"/>
        <source>%n problem(s) to fix before saving.</source>
        <translation>
            <numerusform>%n Problem vor dem Speichern zu beheben.</numerusform>
            <numerusform>%n Probleme vor dem Speichern zu beheben.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ManifestWorkbench.cpp" line="191"/>
        <source>The manifest is valid.</source>
        <translation>Das Manifest ist gültig.</translation>
    </message>
</context>
<context>
    <name>corral::ui::NewAppWizard</name>
    <message>
        <location filename="../NewAppWizard.cpp" line="58"/>
        <source>the catalog blocks this connector</source>
        <translation>der Katalog sperrt diesen Connector</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="80"/>
        <source>Business data</source>
        <translation>Geschäftsdaten</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="82"/>
        <source>Non-business data</source>
        <translation>Keine Geschäftsdaten</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="83"/>
        <source>Blocked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="97"/>
        <source>New app from “%1”</source>
        <translation>Neue App aus „%1“</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="101"/>
        <source>&amp;Save app</source>
        <translation>App &amp;speichern</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="127"/>
        <source>Template: %1</source>
        <translation>Vorlage: %1</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="128"/>
        <source>Check that this template fits what you want to build.</source>
        <translation>Prüfen Sie, ob diese Vorlage zu dem passt, was Sie bauen möchten.</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="135"/>
        <source>&lt;b&gt;%1&lt;/b&gt; – %2&lt;br&gt;&lt;b&gt;%3&lt;/b&gt; – %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; – %2&lt;br&gt;&lt;b&gt;%3&lt;/b&gt; – %4</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="143"/>
        <source>What the app will do:</source>
        <translation>Was die App tun wird:</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="183"/>
        <source>Choose…</source>
        <translation>Auswählen …</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="185"/>
        <source>Choose a folder for “%1”</source>
        <translation>Einen Ordner für „%1“ auswählen</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="190"/>
        <source>A folder inside %1</source>
        <translation>Ein Ordner innerhalb von %1</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="193"/>
        <source>Choose a folder</source>
        <translation>Einen Ordner auswählen</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="198"/>
        <source>Pick a folder inside %1: the app may only read there.</source>
        <translation>Wählen Sie einen Ordner innerhalb von %1: Nur dort darf die App lesen.</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="232"/>
        <source>Purpose</source>
        <translation>Zweck</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="233"/>
        <source>Name the app and say what it is for. The purpose is recorded with everything it does.</source>
        <translation>Benennen Sie die App und sagen Sie, wofür sie da ist. Der Zweck wird mit allem aufgezeichnet, was sie tut.</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="239"/>
        <source>App name</source>
        <translation>Name der App</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="240"/>
        <source>Lower case letters, digits and &apos;-&apos;, up to 64 characters.</source>
        <translation>Kleinbuchstaben, Ziffern und &apos;-&apos;, höchstens 64 Zeichen.</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="243"/>
        <source>App &amp;name:</source>
        <translation>&amp;Name der App:</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="267"/>
        <location filename="../NewAppWizard.cpp" line="272"/>
        <source>Connectors</source>
        <translation>Connectoren</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="268"/>
        <source>What the app may reach. Connectors your organisation blocks are shown greyed out with the reason.</source>
        <translation>Worauf die App zugreifen darf. Connectoren, die Ihre Organisation sperrt, erscheinen ausgegraut mit dem Grund.</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="298"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="300"/>
        <source>The AI model the app uses. Each has a model card: what it is for, its limits and its price.</source>
        <translation>Das KI-Modell, das die App verwendet. Jedes hat eine Modellkarte: wofür es gedacht ist, seine Grenzen und sein Preis.</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="303"/>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="307"/>
        <source>Model card</source>
        <translation>Modellkarte</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="325"/>
        <source>Data handling</source>
        <translation>Umgang mit Daten</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="326"/>
        <source>What may happen to personal data (names, e-mail addresses, phone numbers, ...).</source>
        <translation>Was mit personenbezogenen Daten geschehen darf (Namen, E-Mail-Adressen, Telefonnummern, …).</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="335"/>
        <source>&amp;No personal data</source>
        <translation>&amp;Keine personenbezogenen Daten</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="336"/>
        <source>The app refuses to send personal data to a model. Best for business documents.</source>
        <translation>Die App sendet keine personenbezogenen Daten an ein Modell. Am besten für Geschäftsdokumente.</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="337"/>
        <source>&amp;Remove personal data</source>
        <translation>Personenbezogene Daten &amp;entfernen</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="338"/>
        <source>Personal data is replaced by placeholders before it reaches a model.</source>
        <translation>Personenbezogene Daten werden durch Platzhalter ersetzt, bevor sie ein Modell erreichen.</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="339"/>
        <source>Personal data on &amp;this computer only</source>
        <translation>Personenbezogene Daten nur auf &amp;diesem Computer</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="340"/>
        <source>Personal data may be used, but only with models that run inside the organisation.</source>
        <translation>Personenbezogene Daten dürfen verwendet werden, aber nur mit Modellen, die innerhalb der Organisation laufen.</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="341"/>
        <source>Personal data &amp;allowed</source>
        <translation>Personenbezogene Daten &amp;erlaubt</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="342"/>
        <source>Personal data may reach any allowed model. Usually needs approval.</source>
        <translation>Personenbezogene Daten dürfen jedes erlaubte Modell erreichen. Braucht meist eine Freigabe.</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="366"/>
        <source>Review</source>
        <translation>Überprüfen</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="367"/>
        <source>The app&apos;s manifest and the checks it must pass. You can edit the text; Save stores the app in the development stage.</source>
        <translation>Das Manifest der App und die Prüfungen, die es bestehen muss. Sie können den Text bearbeiten; „Speichern“ legt die App in der Entwicklungsstufe an.</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="503"/>
        <source>Blocked by your organisation: %1</source>
        <translation>Von Ihrer Organisation gesperrt: %1</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="511"/>
        <source>This template&apos;s steps use this connector.</source>
        <translation>Die Schritte dieser Vorlage verwenden diesen Connector.</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="518"/>
        <source>Tick to let the app use this connector too.</source>
        <translation>Ankreuzen, damit die App auch diesen Connector verwenden darf.</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="523"/>
        <source>This template needs %1, which your organisation blocks. Ask your administrator or pick another template.</source>
        <translation>Diese Vorlage braucht %1, was Ihre Organisation sperrt. Fragen Sie Ihre Administration oder wählen Sie eine andere Vorlage.</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="543"/>
        <source>%1 in / %2 out per 1,000 tokens</source>
        <translation>%1 hinein / %2 heraus pro 1.000 Tokens</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="546"/>
        <source>Restricted: the policy decides when it may be used</source>
        <translation>Eingeschränkt: Die Richtlinie entscheidet, wann es verwendet werden darf</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="549"/>
        <source>Not allowed: %1</source>
        <translation>Nicht erlaubt: %1</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="549"/>
        <source>prohibited</source>
        <translation>verboten</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="573"/>
        <source>&lt;h3&gt;%1&lt;/h3&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;&lt;b&gt;Made by:&lt;/b&gt; %3&lt;br&gt;&lt;b&gt;Runs:&lt;/b&gt; %4&lt;br&gt;&lt;b&gt;Reads up to:&lt;/b&gt; %5 tokens&lt;br&gt;&lt;b&gt;Knowledge up to:&lt;/b&gt; %6&lt;br&gt;&lt;b&gt;Price:&lt;/b&gt; %7 per 1,000 input tokens, %8 per 1,000 output tokens&lt;/p&gt;&lt;p&gt;&lt;b&gt;Intended use:&lt;/b&gt; %9&lt;/p&gt;&lt;p&gt;&lt;b&gt;Limitations:&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;%10&lt;/ul&gt;</source>
        <translation>&lt;h3&gt;%1&lt;/h3&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;&lt;b&gt;Hersteller:&lt;/b&gt; %3&lt;br&gt;&lt;b&gt;Läuft:&lt;/b&gt; %4&lt;br&gt;&lt;b&gt;Liest bis zu:&lt;/b&gt; %5 Tokens&lt;br&gt;&lt;b&gt;Wissensstand:&lt;/b&gt; %6&lt;br&gt;&lt;b&gt;Preis:&lt;/b&gt; %7 pro 1.000 Eingabe-Tokens, %8 pro 1.000 Ausgabe-Tokens&lt;/p&gt;&lt;p&gt;&lt;b&gt;Vorgesehener Einsatz:&lt;/b&gt; %9&lt;/p&gt;&lt;p&gt;&lt;b&gt;Grenzen:&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;%10&lt;/ul&gt;</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="577"/>
        <source>inside the organisation</source>
        <translation>innerhalb der Organisation</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="577"/>
        <source>with an outside provider</source>
        <translation>bei einem externen Anbieter</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="590"/>
        <source>Purpose: %1</source>
        <translation>Zweck: %1</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="591"/>
        <source>Purpose: (answer the questions above)</source>
        <translation>Zweck: (beantworten Sie die Fragen oben)</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="599"/>
        <source>Some answers cannot be used: %1</source>
        <translation>Einige Antworten können nicht verwendet werden: %1</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="624"/>
        <source>Fix the problems marked in the manifest before saving.</source>
        <translation>Beheben Sie vor dem Speichern die markierten Probleme im Manifest.</translation>
    </message>
    <message>
        <location filename="../NewAppWizard.cpp" line="628"/>
        <source>not connected to the agent</source>
        <translation>nicht mit dem Agenten verbunden</translation>
    </message>
</context>
<context>
    <name>corral::ui::PolicyPage</name>
    <message>
        <location filename="../PolicyPage.cpp" line="28"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="28"/>
        <source>Allowed</source>
        <translation>Erlaubt</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="28"/>
        <source>Why not</source>
        <translation>Warum nicht</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="44"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="45"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="63"/>
        <location filename="../PolicyPage.cpp" line="80"/>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="64"/>
        <location filename="../PolicyPage.cpp" line="85"/>
        <source>Connectors</source>
        <translation>Connectoren</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="65"/>
        <source>&amp;Install a policy file…</source>
        <translation>Richtliniendatei &amp;installieren …</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="70"/>
        <source>Standalone mode: install a signed policy bundle (.tar.gz with its .minisig).</source>
        <translation>Eigenständiger Modus: ein signiertes Richtlinienpaket installieren (.tar.gz mit seiner .minisig).</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="73"/>
        <source>Install a policy file</source>
        <translation>Richtliniendatei installieren</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="73"/>
        <source>Policy bundles (*.tar.gz)</source>
        <translation>Richtlinienpakete (*.tar.gz)</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="94"/>
        <source>Policy</source>
        <translation>Richtlinie</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="136"/>
        <source>Standalone (not connected to an organisation server)</source>
        <translation>Eigenständig (mit keinem Server einer Organisation verbunden)</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="141"/>
        <source>up to date</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="142"/>
        <source>sending now</source>
        <translation>wird gerade gesendet</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="143"/>
        <source>the server cannot be reached</source>
        <translation>der Server ist nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="144"/>
        <source>the server refused the last upload</source>
        <translation>der Server hat die letzte Übertragung abgelehnt</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="145"/>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="148"/>
        <source>&lt;b&gt;Organisation server&lt;/b&gt;: %1 (%2).&lt;br&gt;This computer: device %3.&lt;br&gt;Last sync: %4.</source>
        <translation>&lt;b&gt;Server der Organisation&lt;/b&gt;: %1 (%2).&lt;br&gt;Dieser Computer: Gerät %3.&lt;br&gt;Letzter Abgleich: %4.</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="151"/>
        <source>not yet</source>
        <translation>noch keiner</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="153"/>
        <source>Activity records waiting to be sent: %1.</source>
        <translation>Aktivitätseinträge, die noch gesendet werden: %1.</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="158"/>
        <source>Last problem: %1</source>
        <translation>Letztes Problem: %1</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="180"/>
        <source>managed by your organisation</source>
        <translation>von Ihrer Organisation verwaltet</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="181"/>
        <source>standalone (this computer&apos;s own key)</source>
        <translation>eigenständig (eigener Schlüssel dieses Computers)</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="183"/>
        <source>&lt;b&gt;Active policy&lt;/b&gt;: revision %1, serial %2, %3.&lt;br&gt;Signed by key %4, trusted key %5.&lt;br&gt;Activated %6.&lt;br&gt;Decision rules: %7</source>
        <translation>&lt;b&gt;Aktive Richtlinie&lt;/b&gt;: Revision %1, Seriennummer %2, %3.&lt;br&gt;Signiert mit Schlüssel %4, vertrauenswürdiger Schlüssel %5.&lt;br&gt;Aktiviert %6.&lt;br&gt;Entscheidungsregeln: %7</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="191"/>
        <source>&lt;b&gt;No policy is active.&lt;/b&gt; Every action is denied until a valid policy loads. %1</source>
        <translation>&lt;b&gt;Keine Richtlinie ist aktiv.&lt;/b&gt; Jede Aktion wird abgelehnt, bis eine gültige Richtlinie geladen ist. %1</translation>
    </message>
    <message>
        <location filename="../PolicyPage.cpp" line="198"/>
        <source>The last policy file was refused (%1): %2</source>
        <translation>Die letzte Richtliniendatei wurde abgelehnt (%1): %2</translation>
    </message>
</context>
<context>
    <name>corral::ui::Studio</name>
    <message>
        <location filename="../Studio.cpp" line="46"/>
        <source>Corral Studio: build small AI tools from curated templates.</source>
        <translation>Corral Studio: kleine KI-Werkzeuge aus geprüften Vorlagen erstellen.</translation>
    </message>
    <message>
        <location filename="../Studio.cpp" line="52"/>
        <source>Use a light or dark palette instead of the system&apos;s.</source>
        <translation>Helle oder dunkle Farben statt der des Systems verwenden.</translation>
    </message>
    <message>
        <location filename="../Studio.cpp" line="62"/>
        <source>Connect to the agent at this socket (never start one).</source>
        <translation>Mit dem Agenten an diesem Socket verbinden (nie einen starten).</translation>
    </message>
</context>
<context>
    <name>corral::ui::StudioTray</name>
    <message>
        <location filename="../StudioTray.cpp" line="22"/>
        <source>Show Corral Studio</source>
        <translation>Corral Studio anzeigen</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="28"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="42"/>
        <location filename="../StudioTray.cpp" line="50"/>
        <source>Corral agent: not connected</source>
        <translation>Corral-Agent: nicht verbunden</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="43"/>
        <source>Corral agent</source>
        <translation>Corral-Agent</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="43"/>
        <source>The connection to the agent was lost. Your apps cannot run.</source>
        <translation>Die Verbindung zum Agenten ist abgebrochen. Ihre Apps können nicht laufen.</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="75"/>
        <source>“%1”: %2</source>
        <translation>„%1“: %2</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="78"/>
        <location filename="../StudioTray.cpp" line="84"/>
        <location filename="../StudioTray.cpp" line="141"/>
        <source>App paused</source>
        <translation>App pausiert</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="78"/>
        <source>“%1” was paused: %2. Resume it on the Usage page.</source>
        <translation>„%1“ wurde pausiert: %2. Sie können sie auf der Seite Nutzung fortsetzen.</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="84"/>
        <source>“%1” is paused and did not run.</source>
        <translation>„%1“ ist pausiert und wurde nicht ausgeführt.</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="87"/>
        <source>Limit reached</source>
        <translation>Limit erreicht</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="87"/>
        <source>“%1” stopped: a usage limit was reached.</source>
        <translation>„%1“ gestoppt: Ein Nutzungslimit wurde erreicht.</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="89"/>
        <source>Run finished</source>
        <translation>Ausführung beendet</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="89"/>
        <source>“%1” finished.</source>
        <translation>„%1“ ist fertig.</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="150"/>
        <source>Standalone (not connected to an organisation server)</source>
        <translation>Eigenständig (mit keinem Server einer Organisation verbunden)</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="153"/>
        <source>Organisation server %1: not synced yet</source>
        <translation>Server der Organisation %1: noch nicht abgeglichen</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="154"/>
        <source>Organisation server %1: last sync %2</source>
        <translation>Server der Organisation %1: letzter Abgleich %2</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="156"/>
        <source> (the last attempt failed)</source>
        <translation> (der letzte Versuch ist fehlgeschlagen)</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="50"/>
        <source>Corral agent: connected</source>
        <translation>Corral-Agent: verbunden</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="101"/>
        <source>Corral agent %1: running, policy serial %2</source>
        <translation>Corral-Agent %1: läuft, Richtlinie Seriennummer %2</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="107"/>
        <source>Corral agent: running, but no policy is active (everything is denied)</source>
        <translation>Corral-Agent: läuft, aber keine Richtlinie ist aktiv (alles wird abgelehnt)</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="110"/>
        <source>Policy updated</source>
        <translation>Richtlinie aktualisiert</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="75"/>
        <location filename="../StudioTray.cpp" line="128"/>
        <source>Soft limit reached</source>
        <translation>Warnlimit erreicht</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="110"/>
        <source>A new policy is active: revision %1, serial %2.</source>
        <translation>Eine neue Richtlinie ist aktiv: Revision %1, Seriennummer %2.</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="128"/>
        <source>%1 for %2 has passed its soft limit; at the hard limit runs stop.</source>
        <translation>%1 für %2 hat das Warnlimit überschritten; beim harten Limit stoppen Ausführungen.</translation>
    </message>
    <message>
        <location filename="../StudioTray.cpp" line="142"/>
        <source>“%1” is paused. Resume it on the Usage page.</source>
        <translation>„%1“ ist pausiert. Setzen Sie sie auf der Seite „Nutzung“ fort.</translation>
    </message>
</context>
<context>
    <name>corral::ui::TemplateGalleryView</name>
    <message>
        <location filename="../TemplateGalleryView.cpp" line="16"/>
        <source>Templates</source>
        <translation>Vorlagen</translation>
    </message>
</context>
<context>
    <name>corral::ui::TemplateListModel</name>
    <message>
        <location filename="../TemplateListModel.cpp" line="92"/>
        <source>%1 Category: %2. Maturity: %3. Compliance: %4.</source>
        <translation>%1 Kategorie: %2. Reifegrad: %3. Compliance: %4.</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="142"/>
        <source>Experimental</source>
        <translation>Experimentell</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="144"/>
        <source>Beta</source>
        <translation>Beta</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="146"/>
        <source>Stable</source>
        <translation>Stabil</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="153"/>
        <source>Experimental: new and still changing. Try it, but check its results carefully.</source>
        <translation>Experimentell: neu und noch in Veränderung. Probieren Sie es aus, aber prüfen Sie die Ergebnisse sorgfältig.</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="155"/>
        <source>Beta: works for most uses; details may still change.</source>
        <translation>Beta: funktioniert für die meisten Zwecke; Details können sich noch ändern.</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="157"/>
        <source>Stable: proven in everyday use and kept compatible.</source>
        <translation>Stabil: im Alltag bewährt und wird kompatibel gehalten.</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="164"/>
        <source>Not reviewed</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="166"/>
        <source>Reviewed</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="168"/>
        <source>Certified</source>
        <translation>Zertifiziert</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="175"/>
        <source>Not reviewed: compliance has not checked this template yet.</source>
        <translation>Nicht geprüft: Die Compliance hat diese Vorlage noch nicht geprüft.</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="177"/>
        <source>Reviewed: compliance has checked this template&apos;s data handling.</source>
        <translation>Geprüft: Die Compliance hat den Umgang dieser Vorlage mit Daten geprüft.</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="179"/>
        <source>Certified: approved by compliance for use with business data.</source>
        <translation>Zertifiziert: von der Compliance für geschäftliche Daten freigegeben.</translation>
    </message>
</context>
<context>
    <name>corral::ui::TemplatesPage</name>
    <message>
        <location filename="../TemplatesPage.cpp" line="50"/>
        <location filename="../TemplatesPage.cpp" line="53"/>
        <source>Templates</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="57"/>
        <location filename="../TemplatesPage.cpp" line="58"/>
        <source>Search templates</source>
        <translation>Vorlagen durchsuchen</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="65"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="75"/>
        <source>Start from a curated template. Select one to see the manifest it will create: the steps, connectors and model your app will use.</source>
        <translation>Beginnen Sie mit einer geprüften Vorlage. Wählen Sie eine aus, um das Manifest zu sehen, das sie erzeugt: die Schritte, Konnektoren und das Modell Ihrer App.</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="139"/>
        <source>Clear search and filter</source>
        <translation>Suche und Filter zurücksetzen</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="162"/>
        <source>&amp;Manifest preview (read-only)</source>
        <translation>&amp;Manifest-Vorschau (schreibgeschützt)</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="167"/>
        <source>Manifest preview</source>
        <translation>Manifest-Vorschau</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="168"/>
        <source>The manifest this template creates, read-only</source>
        <translation>Das Manifest, das diese Vorlage erzeugt, schreibgeschützt</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="173"/>
        <source>&amp;Use this template…</source>
        <translation>Diese Vorlage &amp;verwenden …</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="175"/>
        <source>Start the New app wizard with this template</source>
        <translation>Den Assistenten „Neue App“ mit dieser Vorlage starten</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="203"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="206"/>
        <source>The templates could not be loaded</source>
        <translation>Die Vorlagen konnten nicht geladen werden</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="216"/>
        <location filename="../TemplatesPage.cpp" line="222"/>
        <source>Show technical details</source>
        <translation>Technische Details anzeigen</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="222"/>
        <source>Hide technical details</source>
        <translation>Technische Details ausblenden</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="224"/>
        <source>&amp;Try again</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="263"/>
        <source>Corral cannot find or read its templates folder. Reinstalling Corral restores it.</source>
        <translation>Corral kann seinen Vorlagenordner nicht finden oder nicht lesen. Eine Neuinstallation von Corral stellt ihn wieder her.</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="265"/>
        <source>One of the templates is damaged or incomplete, so none can be shown. Ask whoever maintains your templates to fix the file named below, or reinstall Corral to restore the shipped ones.</source>
        <translation>Eine der Vorlagen ist beschädigt oder unvollständig, daher kann keine angezeigt werden. Bitten Sie die Person, die Ihre Vorlagen pflegt, die unten genannte Datei zu korrigieren, oder installieren Sie Corral neu, um die mitgelieferten Vorlagen wiederherzustellen.</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="269"/>
        <source>Folder: %1
Error code: %2</source>
        <translation>Ordner: %1
Fehlercode: %2</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="281"/>
        <source>All categories</source>
        <translation>Alle Kategorien</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="305"/>
        <source>There are no templates in %1 yet.</source>
        <translation>In %1 gibt es noch keine Vorlagen.</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="307"/>
        <source>No templates in %2 match “%1”.</source>
        <translation>Keine Vorlage in %2 passt zu „%1“.</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="309"/>
        <source>No templates match “%1”.</source>
        <translation>Keine Vorlage passt zu „%1“.</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="311"/>
        <source>No templates in %1.</source>
        <translation>Keine Vorlagen in %1.</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="337"/>
        <source>No template selected</source>
        <translation>Keine Vorlage ausgewählt</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="345"/>
        <source>%1 · version %2 · %3</source>
        <translation>%1 · Version %2 · %3</translation>
    </message>
</context>
<context>
    <name>corral::ui::UsagePage</name>
    <message>
        <location filename="../UsagePage.cpp" line="35"/>
        <source>Tokens today</source>
        <translation>Tokens heute</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="37"/>
        <source>Cost this month</source>
        <translation>Kosten diesen Monat</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="39"/>
        <source>Requests this minute</source>
        <translation>Anfragen diese Minute</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="41"/>
        <source>Runs at the same time</source>
        <translation>Gleichzeitige Ausführungen</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="47"/>
        <source>%1 (you)</source>
        <translation>%1 (Sie)</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="48"/>
        <source>%1 (%2 %3)</source>
        <translation>%1 (%2 %3)</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="80"/>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="81"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="82"/>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="83"/>
        <source>Last 90 days</source>
        <translation>Letzte 90 Tage</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="91"/>
        <source>Tokens per app per day</source>
        <translation>Tokens pro App und Tag</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="93"/>
        <source>Cost per app per day</source>
        <translation>Kosten pro App und Tag</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="100"/>
        <source>Usage</source>
        <translation>Nutzung</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="101"/>
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="108"/>
        <source>Limits</source>
        <translation>Limits</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="171"/>
        <source>Cost per day (USD)</source>
        <translation>Kosten pro Tag (USD)</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="171"/>
        <source>Tokens per day</source>
        <translation>Tokens pro Tag</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="211"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="219"/>
        <source>warns at %1, stops at %2</source>
        <translation>warnt bei %1, stoppt bei %2</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="221"/>
        <source>Over the soft limit: you are warned; at the hard limit runs stop.</source>
        <translation>Über dem Warnlimit: Sie werden gewarnt; beim harten Limit stoppen Ausführungen.</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="239"/>
        <source>“%1” is paused: it went over a limit or an administrator paused it.</source>
        <translation>„%1“ ist pausiert: Sie hat ein Limit überschritten oder wurde von der Administration angehalten.</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="241"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../UsagePage.cpp" line="243"/>
        <source>Resume %1</source>
        <translation>%1 fortsetzen</translation>
    </message>
</context>
</TS>
