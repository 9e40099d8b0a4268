// Reading the three tables: the columns reviewd uses located by name, the wrong file named, the
// XML form mapped to the same rows.
#include "return_files.h"

#include <catch2/catch.hpp>

using namespace reviewd;
using reviewd::test::return_files;

TEST_CASE("columns are found by name, in any order, with extra columns ignored",
          "[ssda903][rows]") {
    const std::string header = "DOB,EXTRA,CHILD\n01/02/2010,x, A1 \n";
    const std::string episodes =
        "URN,CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nX,A1,01/04/2025,S,C2,U1,,\n";
    const std::string reviews = "REVIEW,CHILD\n01/05/2025,A1\n";
    const auto rows =
        ssda903::rows_from_csv({"h.csv", header}, {"e.csv", episodes}, {"r.csv", reviews});
    REQUIRE(rows);
    REQUIRE(rows.value().header.size() == 1);
    CHECK(rows.value().header[0].child == "A1"); // trimmed
    CHECK(rows.value().header[0].dob == "01/02/2010");
    CHECK(rows.value().episodes[0].decom == "01/04/2025");
    CHECK(rows.value().episodes[0].place == "U1");
    CHECK(rows.value().reviews[0].review == "01/05/2025");
    CHECK(rows.value().reviews[0].dob.empty()); // optional column absent
}

TEST_CASE("a missing column refuses the files, naming the file and the column",
          "[ssda903][rows][errors]") {
    return_files f;
    f.episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REASON_PLACE_CHANGE\r\n";
    const auto rows = ssda903::rows_from_csv({"header.csv", f.header}, {"episodes.csv", f.episodes},
                                             {"reviews.csv", f.reviews});
    REQUIRE_FALSE(rows);
    CHECK(rows.err().code == "missing_column");
    CHECK(rows.err().field == "episodes.csv");
    CHECK(rows.err().message.find("no column REC") != std::string::npos);
}

TEST_CASE("files given in the wrong places are recognised", "[ssda903][rows][errors]") {
    return_files f;
    const auto rows =
        ssda903::rows_from_csv({"e.csv", f.episodes}, {"h.csv", f.header}, {"r.csv", f.reviews});
    REQUIRE_FALSE(rows);
    CHECK(rows.err().field == "e.csv");
    CHECK(rows.err().message.find("it looks like the episodes file") != std::string::npos);
}

TEST_CASE("a CSV syntax error names the file, line and column", "[ssda903][rows][errors]") {
    return_files f;
    f.child("A1");
    f.reviews += "A1,04/01/2010,\"01/05/2025,PN1\r\n";
    const auto rows = ssda903::rows_from_csv({"header.csv", f.header}, {"episodes.csv", f.episodes},
                                             {"reviews.csv", f.reviews});
    REQUIRE_FALSE(rows);
    CHECK(rows.err().field == "reviews.csv: line 2, column 15");
}

TEST_CASE("a row with the wrong number of fields is an issue for its child",
          "[ssda903][rows][errors]") {
    return_files f;
    f.child("A1").child("A2");
    f.episode("A1", "01/04/2025", "S", "C2", "U1", "", "");
    f.episodes += "A2,01/04/2025,S,C2\r\n";
    const auto rows = f.rows();
    REQUIRE(rows.issues.size() == 1);
    CHECK(rows.issues[0].file == "episodes.csv");
    CHECK(rows.issues[0].row == 3);
    CHECK(rows.issues[0].child == "A2");
    CHECK(rows.issues[0].code == "field_count");
    const auto e = f.build();
    CHECK(e.refused == std::vector<std::string>{"A2"});
    CHECK(test::find_child(e, "A1"));
}

TEST_CASE("the XML form gives the same rows, with its own element names", "[ssda903][rows][xml]") {
    const std::string xml = "<?xml version='1.0'?>\n"
                            "<EXPSSDA903>\n"
                            "<CHILD>\n"
                            "<HEADER><CHILDID>A1</CHILDID><SEX>F</SEX><DOB>04/01/2010</DOB>\n"
                            "<AREVIEW><REVIEW>20/05/2025</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE>"
                            "</AREVIEW>\n"
                            "</HEADER>\n"
                            "<EPISODE><DECOM>01/04/2025</DECOM><RNE>S</RNE><LS>C2</LS><PL>U1</PL>"
                            "<DEC /><REC /></EPISODE>\n"
                            "</CHILD>\n"
                            "</EXPSSDA903>\n";
    const auto rows = ssda903::rows_from_xml({"return.xml", xml});
    REQUIRE(rows);
    const auto& r = rows.value();
    REQUIRE(r.header.size() == 1);
    CHECK(r.header[0].row == 4);
    CHECK(r.header[0].dob == "04/01/2010");
    REQUIRE(r.reviews.size() == 1);
    CHECK(r.reviews[0].row == 5);
    CHECK(r.reviews[0].child == "A1");
    REQUIRE(r.episodes.size() == 1);
    CHECK(r.episodes[0].row == 7);
    CHECK(r.episodes[0].place == "U1");
    CHECK(ssda903::column_label(r.episodes_file, "PLACE") == "PL");
    CHECK(ssda903::column_label(r.header_file, "CHILD") == "CHILDID");
    const auto e = ssda903::build_extract(r);
    REQUIRE(e.children.size() == 1);
    CHECK(e.children[0].reviews.size() == 1);
}

TEST_CASE("XML that is not the return is refused", "[ssda903][rows][xml][errors]") {
    const auto wrong_root = ssda903::rows_from_xml({"x.xml", "<Message/>"});
    REQUIRE_FALSE(wrong_root);
    CHECK(wrong_root.err().message.find("not <EXPSSDA903>") != std::string::npos);
    const auto wrong_child = ssda903::rows_from_xml({"x.xml", "<EXPSSDA903>\n<KID/></EXPSSDA903>"});
    REQUIRE_FALSE(wrong_child);
    CHECK(wrong_child.err().field == "x.xml: line 2");
    const auto broken = ssda903::rows_from_xml({"x.xml", "<EXPSSDA903><CHILD></EXPSSDA903>"});
    REQUIRE_FALSE(broken);
    CHECK(broken.err().field.rfind("x.xml: line 1", 0) == 0);
}
