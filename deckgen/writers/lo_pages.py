"""Run by the system Python with LibreOffice's UNO bridge: page number of every heading.

Usage: python3 lo_pages.py <document.docx> <pipe-name> <profile-url> <soffice>
Prints a JSON list of [outline level, page, text] for each heading paragraph, in document order.
Started by deckgen.writers.toc_pages in a process group of its own, with TMPDIR pointing into
the temporary folder it removes afterwards; not imported by deckgen itself.
"""

import contextlib
import json
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def _prop(name, value):  # type: ignore[no-untyped-def]
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def main() -> None:
    """Open the document hidden, update its indexes, report heading pages."""
    path, pipe, profile, soffice = sys.argv[1:5]
    office = subprocess.Popen(
        [
            soffice,
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"-env:UserInstallation={profile}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    desktop = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        context = None
        for _ in range(120):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if office.poll() is not None:  # it ended at once: waiting would not help
                    raise SystemExit(
                        f"LibreOffice avsluttet med kode {office.returncode}"
                    ) from None
                time.sleep(0.25)
        if context is None:
            raise SystemExit("LibreOffice svarte ikke")
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context
        )
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(path), "_blank", 0, (_prop("Hidden", True),)
        )
        indexes = doc.getDocumentIndexes()
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        cursor = doc.getCurrentController().getViewCursor()
        found = []
        paragraphs = doc.getText().createEnumeration()
        while paragraphs.hasMoreElements():
            paragraph = paragraphs.nextElement()
            if not paragraph.supportsService("com.sun.star.text.Paragraph"):
                continue
            level = paragraph.getPropertyValue("OutlineLevel")
            if level and level <= 3:
                cursor.gotoRange(paragraph.getStart(), False)
                found.append([level, cursor.getPage(), paragraph.getString()])
        doc.close(True)
        print(json.dumps(found), flush=True)
    finally:
        _quit(office, desktop)


def _quit(office, desktop):  # type: ignore[no-untyped-def]
    """End LibreOffice the orderly way (it then removes its sockets and temporary files itself);
    if it does not end, terminate it. deckgen ends the whole process group afterwards anyway."""
    if desktop is not None:
        with contextlib.suppress(Exception):  # the bridge closes as LibreOffice ends
            desktop.terminate()
    else:
        office.terminate()
    try:
        office.wait(timeout=30)
    except subprocess.TimeoutExpired:
        office.terminate()
        office.wait(timeout=30)


if __name__ == "__main__":
    main()
