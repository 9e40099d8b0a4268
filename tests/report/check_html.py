#!/usr/bin/python3
"""Checks the annual report's HTML file: one self-contained, well-formed document.

Usage: check_html.py FILE [MIN_SVG]. Exits 0 and prints a summary when the file
  - parses as XML (every element closed, only XML's own character references),
  - parses with html.parser with every opened element closed in order,
  - has no <script>, <link>, <img>, <iframe>, <object>, <embed>, <base> or <form>,
  - has no src, href, srcset, action or xlink:href attribute and no event handler (on*),
  - has no url(...) or @import in its CSS, and no "http:" or "https:" anywhere,
  - holds at least MIN_SVG inline <svg> charts (default 1), each with a <title>.
Otherwise it prints what is wrong and exits 1.
"""
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "embed", "source",
        "track", "wbr"}
FORBIDDEN_TAGS = {"script", "link", "img", "iframe", "object", "embed", "base", "form", "audio",
                  "video", "source"}
FORBIDDEN_ATTRS = {"src", "href", "srcset", "action", "xlink:href", "formaction", "poster"}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problems = []
        self.svgs = 0
        self.svg_titles = 0
        self.in_style = False
        self.css = []

    def handle_starttag(self, tag, attrs):
        self.check(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "svg":
            self.svgs += 1
        if tag == "title" and len(self.stack) > 1 and self.stack[-2] == "svg":
            self.svg_titles += 1
        self.in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.check(tag, attrs)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}"
                                 f" at line {self.getpos()[0]}")
            return
        self.stack.pop()
        self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.css.append(data)

    def check(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> at line {self.getpos()[0]}")
        for name, value in attrs:
            if name in FORBIDDEN_ATTRS or name.startswith("on"):
                self.problems.append(f"attribute {name}={value!r} on <{tag}>")


def main():
    path = sys.argv[1]
    min_svg = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    text = open(path, encoding="utf-8").read()
    problems = []
    try:
        ET.fromstring(text)
    except ET.ParseError as e:
        problems.append(f"not well-formed XML: {e}")
    checker = Checker()
    checker.feed(text)
    checker.close()
    problems += checker.problems
    if checker.stack:
        problems.append(f"left open: {checker.stack}")
    css = "".join(checker.css).lower()
    for bad in ("url(", "@import", "expression("):
        if bad in css:
            problems.append(f"CSS holds {bad}")
    for bad in ("http:", "https:", "javascript:"):
        if bad in text.lower():
            problems.append(f"the file holds {bad}")
    if checker.svgs < min_svg:
        problems.append(f"{checker.svgs} inline <svg>, expected at least {min_svg}")
    if checker.svg_titles < checker.svgs:
        problems.append(f"{checker.svgs - checker.svg_titles} <svg> without a <title>")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"ok: {len(text)} bytes, {checker.svgs} inline svg charts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
