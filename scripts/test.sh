#!/usr/bin/env bash
# Install everything the test suite needs, then run pytest.
#   bash scripts/test.sh                 all tests
#   bash scripts/test.sh -m "not browser" -q   arguments go to pytest as they are
#   bash scripts/test.sh --run-slow      also the long property runs (marked slow)
#   bash scripts/test.sh tests/browser/test_screenshots.py --update-screenshots   rewrite docs/screenshots
# Needs: python3, node/npm (for axe-core and the Nu HTML checker), Debian's
# chromium and fonts-liberation, a Java runtime, LibreOffice Writer and Calc and php-cli (installed
# with apt-get when missing), and Debian's wordpress and wordpress-theme-twentytwentyone packages
# unpacked into .cache/ (kses.php; the theme's style.css for the CMS pieces' host pages).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh

# --- Python test dependencies ---------------------------------------------
stamp=.venv/.requirements-dev.sha256
want="$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "test: installing requirements-dev.txt"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
    echo "$want" > "$stamp"
fi

# --- system packages (Debian) -----------------------------------------------
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
apt_updated=0
apt_install() {
    if [ "$apt_updated" -eq 0 ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
        apt_updated=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# Playwright's own browser download does not work here; the tests use Debian's.
if [ ! -x /usr/bin/chromium ]; then
    echo "test: installing Debian chromium"
    apt_install chromium fonts-dejavu-core
fi
# The version for the visually impaired asks for Arial / Liberation Sans: without it Chromium falls
# back to DejaVu Sans and the screenshots (tests/browser/test_screenshots.py) differ from the
# committed ones, which were taken with Liberation (what Debian's chromium recommends).
if ! fc-list 2>/dev/null | grep -q "Liberation Sans"; then
    echo "test: installing fonts-liberation"
    apt_install fonts-liberation
fi
# The W3C Nu HTML checker is a Java program.
if ! command -v java >/dev/null 2>&1; then
    echo "test: installing a Java runtime"
    apt_install default-jre-headless
fi
# LibreOffice opens the printable plan.docx and converts it to PDF (tests/publish/test_docx.py;
# the test skips, saying so, where soffice is absent). About 90 MB to download, a minute to install.
if ! command -v soffice >/dev/null 2>&1; then
    echo "test: installing LibreOffice Writer (no GUI)"
    apt_install libreoffice-writer-nogui || echo "test: LibreOffice not installed; the PDF conversion test will skip"
fi
# LibreOffice Calc opens the dashboard's matrix.xlsx (tests/site/test_one_truth.py).
if command -v soffice >/dev/null 2>&1 && ! dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 \
        && ! dpkg -s libreoffice-calc >/dev/null 2>&1; then
    echo "test: installing LibreOffice Calc (no GUI)"
    apt_install libreoffice-calc-nogui
fi

# WordPress's own post filter (kses.php) checks the CMS pieces: PHP runs it. The wordpress
# package is unpacked, not installed: installing it would pull in and start a web server.
if ! command -v php >/dev/null 2>&1; then
    echo "test: installing Debian php-cli"
    apt_install php-cli
fi
if [ ! -f /usr/share/wordpress/wp-includes/kses.php ] && \
   [ ! -f .cache/wordpress/usr/share/wordpress/wp-includes/kses.php ]; then
    echo "test: unpacking Debian's wordpress package into .cache/wordpress"
    if [ "$apt_updated" -eq 0 ]; then as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q; apt_updated=1; fi
    wp_tmp="$(mktemp -d)"
    (cd "$wp_tmp" && apt-get download -q wordpress)
    mkdir -p .cache/wordpress
    dpkg-deb -x "$wp_tmp"/wordpress_*.deb .cache/wordpress
    rm -rf "$wp_tmp"
fi
# WordPress's default theme, Twenty Twenty-One, styles a host page the CMS pieces are pasted
# into (tests/browser/test_cms_hosts.py): unpacked the same way, for its style.css.
if [ ! -f .cache/twentytwentyone/usr/share/wordpress/wp-content/themes/twentytwentyone/style.css ]; then
    echo "test: unpacking Debian's wordpress-theme-twentytwentyone package into .cache/twentytwentyone"
    if [ "$apt_updated" -eq 0 ]; then as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q; apt_updated=1; fi
    tt1_tmp="$(mktemp -d)"
    (cd "$tt1_tmp" && apt-get download -q wordpress-theme-twentytwentyone)
    mkdir -p .cache/twentytwentyone
    dpkg-deb -x "$tt1_tmp"/wordpress-theme-twentytwentyone_*.deb .cache/twentytwentyone
    rm -rf "$tt1_tmp"
fi

# --- npm tools: axe-core and vnu-jar (pinned in package-lock.json) -----------
# --ignore-scripts: vnu-jar's postinstall would try to download a Java runtime;
# the system java is used instead.
stamp=node_modules/.clusterpages-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "test: npm ci"
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
fi

# Tests run in one process per core (pytest-xdist), a test file's tests in the same process so
# that its module fixtures (builds) are made once; `-n 0` runs everything in this process. Files
# are handed out in the order tests/conftest.py gives them (the longest first: LONG_FILES), not
# by their number of tests.
exec .venv/bin/python -m pytest -n auto --dist loadfile --no-loadscope-reorder "$@"
