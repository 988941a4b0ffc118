#!/usr/bin/env python3
"""Checks Posit Workbench configuration files (rserver.conf, launcher*.conf, database.conf,
load-balancer, jupyter.conf, ...) as INI, the way Workbench reads them.

Each file must:
  - parse with Python's configparser (strict=False, '=' as the only delimiter, '#' and ';'
    comments, no interpolation; keys before the first section go into a dummy section);
  - use `key=value` lines only: no `key: value`, no bare keys, no indented continuation
    lines (configparser would glue them to the previous value; Workbench would not);
  - have no key twice within one section, and no section header twice, except the
    repeated `[cluster]` sections of launcher.conf (one per cluster, FACTS.md section 2;
    https://docs.posit.co/ide/server-pro/job_launcher/configuration.html).

Usage: ini-check.py FILE...   Prints FILE:LINE: error: [CODE] message per finding.
Exit: 0 clean, 1 findings, 2 usage error or unreadable file.
"""
import configparser
import os
import re
import sys

DUMMY = "__before_first_section__"
KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
SECTION = re.compile(r"^\[([^\]]+)\]\s*$")


def repeatable_section(path, section):
    return os.path.basename(path) == "launcher.conf" and section == "cluster"


def check_lines(path, text):
    """Line-level checks configparser is too lenient for. Returns [(line, code, message)]."""
    findings = []
    section = DUMMY
    seen_sections = {}
    keys = {}  # key -> first line, within the current section block
    for n, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if raw.endswith("\r"):
            findings.append((n, "INI-CRLF", "CRLF line ending (Workbench files use LF)"))
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped.startswith(";"):
            continue
        if line[0] in " \t":
            findings.append((n, "INI-INDENTED", f"indented line {stripped!r}: configparser reads it as a "
                             "continuation of the previous value, Workbench as a new line"))
            continue
        m = SECTION.match(line)
        if m:
            section = m.group(1).strip()
            if section in seen_sections and not repeatable_section(path, section):
                findings.append((n, "INI-DUPLICATE-SECTION",
                                 f"section [{section}] already starts on line {seen_sections[section]}"))
            seen_sections.setdefault(section, n)
            keys = {}
            continue
        if "=" not in line:
            findings.append((n, "INI-NOT-KEY-VALUE", f"{stripped!r} is not a key=value line"))
            continue
        key = line.split("=", 1)[0].strip()
        if not KEY.match(key):
            findings.append((n, "INI-BAD-KEY", f"{key!r} is not a configuration key"))
            continue
        if key in keys:
            where = "before the first section" if section == DUMMY else f"in [{section}]"
            findings.append((n, "INI-DUPLICATE-KEY", f"{key} is set twice {where} (first on line {keys[key]})"))
        else:
            keys[key] = n
    return findings


def check_file(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        print(f"{path}:0: error: [INI-UNREADABLE] {e.strerror}")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        print(f"{path}:0: error: [INI-ENCODING] not UTF-8 at byte {e.start}")
        return 1
    findings = check_lines(path, text)
    parser = configparser.ConfigParser(
        strict=False, delimiters=("=",), comment_prefixes=("#", ";"), inline_comment_prefixes=None,
        interpolation=None, empty_lines_in_values=False, default_section="__pwpc_no_defaults__")
    parser.optionxform = str  # Workbench keys are case-sensitive
    try:
        parser.read_string(f"[{DUMMY}]\n" + text, source=path)
    except configparser.ParsingError as e:
        # configparser counts the dummy header line; report the file's own line numbers.
        for lineno, bad in e.errors:
            findings.append((lineno - 1, "INI-PARSE", f"configparser rejects the line {bad.strip()}"))
    except configparser.Error as e:
        findings.append((getattr(e, "lineno", 1) or 1, "INI-PARSE", "configparser: " + str(e).replace("\n", " ")))
    for line, code, message in sorted(findings):
        print(f"{path}:{line}: error: [{code}] {message}")
    return len(findings)


def main(argv):
    if not argv:
        print("usage: ini-check.py FILE...", file=sys.stderr)
        return 2
    total = 0
    unreadable = 0
    for path in argv:
        n = check_file(path)
        if n is None:
            unreadable += 1
        else:
            total += n
    print(f"ini-check: {len(argv)} file(s), {total} finding(s)", file=sys.stderr)
    if unreadable:
        return 2
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
