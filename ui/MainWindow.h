// SPDX-License-Identifier: Apache-2.0
// The studio's main window. It hosts the pages (today the Templates page) and the
// application menu; the pages hold the logic and talk to their models.
#pragma once

#include <QMainWindow>

namespace corral::ui {

class TemplatesPage;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    TemplatesPage* templatesPage() const { return m_templates; }

private:
    void createMenus();
    void showAbout();

    TemplatesPage* m_templates;
};

} // namespace corral::ui
