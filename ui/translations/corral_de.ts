<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>corral::ui::MainWindow</name>
    <message>
        <location filename="../MainWindow.cpp" line="17" />
        <source>Corral Studio</source>
        <translation>Corral Studio</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="30" />
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="31" />
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="35" />
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="36" />
        <source>&amp;Find template</source>
        <translation>Vorlage &amp;suchen</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="40" />
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="41" />
        <source>&amp;About Corral Studio</source>
        <translation>Ü&amp;ber Corral Studio</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="47" />
        <source>About Corral Studio</source>
        <translation>Über Corral Studio</translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="48" />
        <source>&lt;h3&gt;Corral Studio %1&lt;/h3&gt;&lt;p&gt;Build small AI tools from curated templates. Every app runs through the local agent, which enforces your organisation's policy and keeps a signed record of what it did.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Corral Studio %1&lt;/h3&gt;&lt;p&gt;Erstellen Sie kleine KI-Werkzeuge aus geprüften Vorlagen. Jede App läuft über den lokalen Agenten, der die Richtlinien Ihrer Organisation durchsetzt und signiert festhält, was sie getan hat.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>corral::ui::ManifestEditor</name>
    <message>
        <location filename="../ManifestEditor.cpp" line="22" />
        <source>Manifest</source>
        <translation>Manifest</translation>
    </message>
</context>
<context>
    <name>corral::ui::Studio</name>
    <message>
        <location filename="../Studio.cpp" line="43" />
        <source>Corral Studio: build small AI tools from curated templates.</source>
        <translation>Corral Studio: kleine KI-Werkzeuge aus geprüften Vorlagen erstellen.</translation>
    </message>
    <message>
        <location filename="../Studio.cpp" line="49" />
        <source>Use a light or dark palette instead of the system's.</source>
        <translation>Helle oder dunkle Farben statt der des Systems verwenden.</translation>
    </message>
</context>
<context>
    <name>corral::ui::TemplateGalleryView</name>
    <message>
        <location filename="../TemplateGalleryView.cpp" line="16" />
        <source>Templates</source>
        <translation>Vorlagen</translation>
    </message>
</context>
<context>
    <name>corral::ui::TemplateListModel</name>
    <message>
        <location filename="../TemplateListModel.cpp" line="92" />
        <source>%1 Category: %2. Maturity: %3. Compliance: %4.</source>
        <translation>%1 Kategorie: %2. Reifegrad: %3. Compliance: %4.</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="142" />
        <source>Experimental</source>
        <translation>Experimentell</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="144" />
        <source>Beta</source>
        <translation>Beta</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="146" />
        <source>Stable</source>
        <translation>Stabil</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="153" />
        <source>Experimental: new and still changing. Try it, but check its results carefully.</source>
        <translation>Experimentell: neu und noch in Veränderung. Probieren Sie es aus, aber prüfen Sie die Ergebnisse sorgfältig.</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="155" />
        <source>Beta: works for most uses; details may still change.</source>
        <translation>Beta: funktioniert für die meisten Zwecke; Details können sich noch ändern.</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="157" />
        <source>Stable: proven in everyday use and kept compatible.</source>
        <translation>Stabil: im Alltag bewährt und wird kompatibel gehalten.</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="164" />
        <source>Not reviewed</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="166" />
        <source>Reviewed</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="168" />
        <source>Certified</source>
        <translation>Zertifiziert</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="175" />
        <source>Not reviewed: compliance has not checked this template yet.</source>
        <translation>Nicht geprüft: Die Compliance hat diese Vorlage noch nicht geprüft.</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="177" />
        <source>Reviewed: compliance has checked this template's data handling.</source>
        <translation>Geprüft: Die Compliance hat den Umgang dieser Vorlage mit Daten geprüft.</translation>
    </message>
    <message>
        <location filename="../TemplateListModel.cpp" line="179" />
        <source>Certified: approved by compliance for use with business data.</source>
        <translation>Zertifiziert: von der Compliance für geschäftliche Daten freigegeben.</translation>
    </message>
</context>
<context>
    <name>corral::ui::TemplatesPage</name>
    <message>
        <location filename="../TemplatesPage.cpp" line="50" />
        <location filename="../TemplatesPage.cpp" line="53" />
        <source>Templates</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="57" />
        <location filename="../TemplatesPage.cpp" line="58" />
        <source>Search templates</source>
        <translation>Vorlagen durchsuchen</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="65" />
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="75" />
        <source>Start from a curated template. Select one to see the manifest it will create: the steps, connectors and model your app will use.</source>
        <translation>Beginnen Sie mit einer geprüften Vorlage. Wählen Sie eine aus, um das Manifest zu sehen, das sie erzeugt: die Schritte, Konnektoren und das Modell Ihrer App.</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="135" />
        <source>Clear search and filter</source>
        <translation>Suche und Filter zurücksetzen</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="158" />
        <source>&amp;Manifest preview (read-only)</source>
        <translation>&amp;Manifest-Vorschau (schreibgeschützt)</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="163" />
        <source>Manifest preview</source>
        <translation>Manifest-Vorschau</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="164" />
        <source>The manifest this template creates, read-only</source>
        <translation>Das Manifest, das diese Vorlage erzeugt, schreibgeschützt</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="189" />
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="192" />
        <source>The templates could not be loaded</source>
        <translation>Die Vorlagen konnten nicht geladen werden</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="202" />
        <location filename="../TemplatesPage.cpp" line="208" />
        <source>Show technical details</source>
        <translation>Technische Details anzeigen</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="208" />
        <source>Hide technical details</source>
        <translation>Technische Details ausblenden</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="210" />
        <source>&amp;Try again</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="249" />
        <source>Corral cannot find or read its templates folder. Reinstalling Corral restores it.</source>
        <translation>Corral kann seinen Vorlagenordner nicht finden oder nicht lesen. Eine Neuinstallation von Corral stellt ihn wieder her.</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="251" />
        <source>One of the templates is damaged or incomplete, so none can be shown. Ask whoever maintains your templates to fix the file named below, or reinstall Corral to restore the shipped ones.</source>
        <translation>Eine der Vorlagen ist beschädigt oder unvollständig, daher kann keine angezeigt werden. Bitten Sie die Person, die Ihre Vorlagen pflegt, die unten genannte Datei zu korrigieren, oder installieren Sie Corral neu, um die mitgelieferten Vorlagen wiederherzustellen.</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="255" />
        <source>Folder: %1
Error code: %2</source>
        <translation>Ordner: %1
Fehlercode: %2</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="267" />
        <source>All categories</source>
        <translation>Alle Kategorien</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="291" />
        <source>There are no templates in %1 yet.</source>
        <translation>In %1 gibt es noch keine Vorlagen.</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="293" />
        <source>No templates in %2 match “%1”.</source>
        <translation>Keine Vorlage in %2 passt zu „%1“.</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="295" />
        <source>No templates match “%1”.</source>
        <translation>Keine Vorlage passt zu „%1“.</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="297" />
        <source>No templates in %1.</source>
        <translation>Keine Vorlagen in %1.</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="322" />
        <source>No template selected</source>
        <translation>Keine Vorlage ausgewählt</translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="330" />
        <source>%1 · version %2 · %3</source>
        <translation>%1 · Version %2 · %3</translation>
    </message>
</context>
</TS>
