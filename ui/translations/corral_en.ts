<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>corral::ui::MainWindow</name>
    <message>
        <location filename="../MainWindow.cpp" line="17"/>
        <source>Corral Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="30"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="31"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="35"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="36"/>
        <source>&amp;Find template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="40"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="41"/>
        <source>&amp;About Corral Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="47"/>
        <source>About Corral Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../MainWindow.cpp" line="48"/>
        <source>&lt;h3&gt;Corral Studio %1&lt;/h3&gt;&lt;p&gt;Build small AI tools from curated templates. Every app runs through the local agent, which enforces your organisation&apos;s policy and keeps a signed record of what it did.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>corral::ui::ManifestEditor</name>
    <message>
        <location filename="../ManifestEditor.cpp" line="22"/>
        <source>Manifest</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>corral::ui::Studio</name>
    <message>
        <location filename="../Studio.cpp" line="43"/>
        <source>Corral Studio: build small AI tools from curated templates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../Studio.cpp" line="49"/>
        <source>Use a light or dark palette instead of the system&apos;s.</source>
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
        <location filename="../TemplatesPage.cpp" line="135"/>
        <source>Clear search and filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="158"/>
        <source>&amp;Manifest preview (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="163"/>
        <source>Manifest preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="164"/>
        <source>The manifest this template creates, read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="189"/>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="192"/>
        <source>The templates could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="202"/>
        <location filename="../TemplatesPage.cpp" line="208"/>
        <source>Show technical details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="208"/>
        <source>Hide technical details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="210"/>
        <source>&amp;Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="249"/>
        <source>Corral cannot find or read its templates folder. Reinstalling Corral restores it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="251"/>
        <source>One of the templates is damaged or incomplete, so none can be shown. Ask whoever maintains your templates to fix the file named below, or reinstall Corral to restore the shipped ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="255"/>
        <source>Folder: %1
Error code: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="267"/>
        <source>All categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="291"/>
        <source>There are no templates in %1 yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="293"/>
        <source>No templates in %2 match “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="295"/>
        <source>No templates match “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="297"/>
        <source>No templates in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="322"/>
        <source>No template selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../TemplatesPage.cpp" line="330"/>
        <source>%1 · version %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
