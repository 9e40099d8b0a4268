// The small strict XML reader: what the return's XML uses, and the refusals that keep it safe.
#include "ssda903/xml.h"

#include <catch2/catch.hpp>

using reviewd::ssda903::read_xml;

TEST_CASE("elements, text and line numbers are read", "[ssda903][xml]") {
    const auto doc = read_xml("<?xml version='1.0' encoding='utf-8'?>\n"
                              "<!-- a comment -->\n"
                              "<EXPSSDA903>\n"
                              "  <CHILD><HEADER><CHILDID>A1</CHILDID><UASC /></HEADER>\n"
                              "  <EPISODE><DECOM>01/04/2025</DECOM></EPISODE></CHILD>\n"
                              "</EXPSSDA903>\n");
    REQUIRE(doc);
    const auto& root = doc.value();
    CHECK(root.name == "EXPSSDA903");
    CHECK(root.line == 3);
    REQUIRE(root.children.size() == 1);
    const auto& child = root.children[0];
    CHECK(child.line == 4);
    REQUIRE(child.child("HEADER"));
    CHECK(child.child("HEADER")->child("CHILDID")->text == "A1");
    CHECK(child.child("HEADER")->child("UASC")->text.empty());
    CHECK(child.child("EPISODE")->line == 5);
    CHECK(child.child("EPISODE")->child("DECOM")->text == "01/04/2025");
    CHECK(child.child("NOPE") == nullptr);
}

TEST_CASE("entities, character references and CDATA are decoded; attributes are ignored",
          "[ssda903][xml]") {
    const auto doc =
        read_xml("<R a=\"1\" b='two'><T>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#65;&#x42;"
                 "&#x20AC;<![CDATA[<raw & text>]]></T></R>");
    REQUIRE(doc);
    CHECK(doc.value().child("T")->text == "a <b> & \"c\" 'd' AB\xE2\x82\xAC<raw & text>");
}

TEST_CASE("a byte order mark before the declaration is accepted", "[ssda903][xml]") {
    CHECK(read_xml("\xEF\xBB\xBF<?xml version=\"1.0\"?><R/>"));
}

TEST_CASE("a DOCTYPE is refused: no entity expansion", "[ssda903][xml][errors]") {
    const auto doc =
        read_xml("<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"aaaa\">]>\n<r>&a;</r>");
    REQUIRE_FALSE(doc);
    CHECK(doc.err().code == "xml_syntax");
    CHECK(doc.err().field == "line 2, column 1");
    CHECK(doc.err().message.find("DOCTYPE") != std::string::npos);
}

TEST_CASE("malformed XML is refused with the line and column", "[ssda903][xml][errors]") {
    const auto mismatched = read_xml("<R>\n<A>x</B>\n</R>");
    REQUIRE_FALSE(mismatched);
    CHECK(mismatched.err().message == "</B> closes <A> (line 2)");
    CHECK(mismatched.err().field.rfind("line 2,", 0) == 0);

    const auto unclosed = read_xml("<R>\n<A>x</A>\n");
    REQUIRE_FALSE(unclosed);
    CHECK(unclosed.err().message.find("<R> (line 1) is not closed") != std::string::npos);

    const auto entity = read_xml("<R>&nbsp;</R>");
    REQUIRE_FALSE(entity);
    CHECK(entity.err().message == "an unknown entity &nbsp;");

    CHECK_FALSE(read_xml("<R></R><S/>"));       // two roots
    CHECK_FALSE(read_xml("text<R/>"));          // text before the root
    CHECK_FALSE(read_xml(""));                  // no root at all
    CHECK_FALSE(read_xml("<R a=1/>"));          // unquoted attribute
    CHECK_FALSE(read_xml("<R>&#0;</R>"));       // not a character
    CHECK_FALSE(read_xml("<R><!-- open </R>")); // unterminated comment
    CHECK_FALSE(read_xml("<R>a & b</R>"));      // a bare ampersand
}

TEST_CASE("nesting far deeper than a return is refused", "[ssda903][xml][errors]") {
    std::string deep;
    for (int i = 0; i < 100; ++i)
        deep += "<a>";
    for (int i = 0; i < 100; ++i)
        deep += "</a>";
    const auto doc = read_xml(deep);
    REQUIRE_FALSE(doc);
    CHECK(doc.err().message.find("nested more than") != std::string::npos);
}
