// xml-fields.cpp: the values of XML documents that hold PHI, by their elements' names (CDA, FHIR in
// XML, plain exports), the markup no entity may cover, and the text the model reads.
#define BOOST_TEST_MODULE xml_fields
#include <boost/test/unit_test.hpp>

#include "pipeline/xml-fields.h"
#include "core/pipeline/rule-spans.h"

#include <random>
#include <string>

using namespace mab;

namespace {

using rule_spans::strings;

strings fields(const std::string & text) { return rule_spans::found(scan_xml_fields, text, "xml"); }

// The markup of a text, each range written out.
strings markup(const std::string & text) {
    strings out;
    for (const auto & [b, e] : xml_markup(text.data(), text.size())) out.push_back(text.substr(b, e - b));
    return out;
}

std::string model_text(const std::string & text) {
    return xml_text_for_the_model(text.data(), text.size(), xml_markup(text.data(), text.size()));
}

} // namespace

BOOST_AUTO_TEST_SUITE(xml_fields_suite)

BOOST_AUTO_TEST_CASE(a_cda_header) {
    const std::string cda = R"(<?xml version="1.0"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:sdtc="urn:hl7-org:sdtc">
  <effectiveTime value="20260311094500-0500"/>
  <recordTarget><patientRole>
    <id root="2.16.840.1.113883.19.5.99999.2" extension="MRN-30415"/>
    <id root="2.16.840.1.113883.4.1" extension="123-45-6789"/>
    <addr use="HP"><streetAddressLine>88 Quarry Hill Rd</streetAddressLine><city>Leominster</city>
      <state>MA</state><postalCode>01453</postalCode><country>US</country></addr>
    <telecom value="tel:+1(978)555-0164" use="HP"/><telecom value="mailto:tbeaulieu@example.net"/>
    <telecom value="fax:978-555-0100"/>
    <patient>
      <name use="L"><prefix>Mr.</prefix><given>Theodore</given><given>J</given><family>Beaulieu</family></name>
      <administrativeGenderCode code="M" codeSystem="2.16.840.1.113883.5.1"/>
      <birthTime value="19520814"/><sdtc:deceasedTime value="2026"/>
      <guardian><guardianPerson><name>Colette Beaulieu</name></guardianPerson></guardian>
    </patient>
  </patientRole></recordTarget>
  <author><time value="202603110945"/><assignedAuthor><id extension="1629084532" root="2.16.840.1.113883.4.6"/>
    <assignedPerson><name><given>Imani</given><family>Oyelaran-Price</family><suffix>MD</suffix></name></assignedPerson>
    <representedOrganization><name>Nashoba Valley Medical Center</name></representedOrganization>
  </assignedAuthor></author>
  <informant><relatedEntity classCode="PRS"><relatedPerson><name><given>Marc</given></name></relatedPerson></relatedEntity></informant>
  <participant typeCode="HLD"><associatedEntity classCode="POLHOLD"><scopingOrganization><name>Harbor Mutual</name></scopingOrganization></associatedEntity></participant>
</ClinicalDocument>)";
    BOOST_TEST(fields(cda) ==
               (strings{"20260311094500|DATE/DATE", "MRN-30415|ID/IDNUM", "123-45-6789|ID/SSN",
                        "88 Quarry Hill Rd|LOCATION/STREET", "Leominster|LOCATION/CITY", "MA|LOCATION/STATE",
                        "01453|LOCATION/ZIP", "US|LOCATION/COUNTRY", "+1(978)555-0164|CONTACT/PHONE",
                        "tbeaulieu@example.net|CONTACT/EMAIL", "978-555-0100|CONTACT/FAX", "Theodore|NAME/PATIENT",
                        "J|NAME/PATIENT", "Beaulieu|NAME/PATIENT", "19520814|DATE/DATE", "Colette Beaulieu|NAME/PATIENT",
                        "202603110945|DATE/DATE", "1629084532|ID/IDNUM", "Imani|NAME/DOCTOR", "Oyelaran-Price|NAME/DOCTOR",
                        "Nashoba Valley Medical Center|LOCATION/HOSPITAL", "Marc|NAME/PATIENT",
                        "Harbor Mutual|LOCATION/ORGANIZATION"}));
    // Which names are given names and which family names, for their surrogates.
    BOOST_TEST(rule_spans::name_parts(scan_xml_fields, cda) ==
               (strings{"Theodore|given", "J|given", "Beaulieu|family", "Imani|given", "Oyelaran-Price|family", "Marc|given"}));
    // The patient's administrativeGenderCode is the patient's: not the guardian's nor the author's.
    BOOST_TEST(rule_spans::sexes(scan_xml_fields, cda) == (strings{"Theodore|male", "J|male", "Beaulieu|male"}));
}

// A CDA body: a drug's, a code's and a section's names are no PHI; the narrative is the model's to
// read but for its ISO dates; a prefix "v3:" changes nothing.
BOOST_AUTO_TEST_CASE(a_cda_body) {
    const std::string body = R"(<v3:ClinicalDocument xmlns:v3="urn:hl7-org:v3"><v3:component><v3:section>
  <v3:title>Medications</v3:title>
  <v3:text><table><tr><td>Lisinopril</td><td>2026-01-04</td></tr></table>Seen by Dr. Ochoa.</v3:text>
  <v3:entry><v3:substanceAdministration><v3:effectiveTime><v3:low value="20260104"/><v3:high nullFlavor="UNK"/></v3:effectiveTime>
    <v3:consumable><v3:manufacturedProduct><v3:manufacturedMaterial><v3:name>Lisinopril 10 MG Oral Tablet</v3:name>
    </v3:manufacturedMaterial><v3:manufacturerOrganization><v3:name>Lupin</v3:name></v3:manufacturerOrganization>
    </v3:manufacturedProduct></v3:consumable>
    <v3:performer><v3:assignedEntity><v3:addr>12 Elm St, Fitchburg, MA</v3:addr></v3:assignedEntity></v3:performer>
  </v3:substanceAdministration></v3:entry>
</v3:section></v3:component></v3:ClinicalDocument>)";
    BOOST_TEST(fields(body) == (strings{"2026-01-04|DATE/DATE", "20260104|DATE/DATE", "12 Elm St, Fitchburg, MA|LOCATION/STREET"}));
}

// HL7 v3 times: at least a day, without the time zone; a year or a month alone, or no date, is none.
BOOST_AUTO_TEST_CASE(cda_times) {
    const auto time = [](const std::string & value) {
        return fields("<ClinicalDocument><effectiveTime value=\"" + value + "\"/></ClinicalDocument>");
    };
    BOOST_TEST(time("20260311") == (strings{"20260311|DATE/DATE"}));
    BOOST_TEST(time("20260311094500.123+0100") == (strings{"20260311094500|DATE/DATE"}));
    BOOST_TEST(time("2026-03-11") == (strings{"2026-03-11|DATE/DATE"}));
    BOOST_TEST(time("2026").empty());
    BOOST_TEST(time("202603").empty());
    BOOST_TEST(time("20261311").empty());
    BOOST_TEST(time("20260300").empty());
    BOOST_TEST(time("20260311x").empty());
    BOOST_TEST(time("123456789012345678").empty());
}

// A FHIR resource in XML is read as its JSON is (json-fields.h): element names for keys, values in
// "value" attributes; its codes, systems and narrative are none.
BOOST_AUTO_TEST_CASE(fhir_in_xml) {
    const std::string bundle = R"(<Bundle xmlns="http://hl7.org/fhir"><entry><resource><Patient>
  <id value="example-7731"/>
  <text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml"><p>Cordelia Abernathy, 1948-07-30</p></div></text>
  <identifier><system value="urn:oid:2.16.840.1.113883.19.5"/><value value="MRN448120"/></identifier>
  <name><use value="official"/><family value="Abernathy"/><given value="Cordelia"/></name>
  <telecom><system value="phone"/><value value="(617) 555-0199"/></telecom>
  <gender value="female"/><birthDate value="1948-07-30"/>
  <address><line value="41 Larkspur Lane"/><city value="Framingham"/><postalCode value="01702"/></address>
  <generalPractitioner><reference value="Practitioner/pr-88"/><display value="Anil Venkataraman"/></generalPractitioner>
  <managingOrganization><reference value="urn:uuid:0c3a"/><display value="MetroWest Medical Center"/></managingOrganization>
</Patient></resource></entry>
<entry><resource><Practitioner><name><family value="Chao"/></name></Practitioner></resource></entry>
<entry><resource><Organization><name value="Big Bend Home Care"/></Organization></resource></entry></Bundle>)";
    BOOST_TEST(fields(bundle) ==
               (strings{"example-7731|ID/IDNUM", "MRN448120|ID/IDNUM", "Abernathy|NAME/PATIENT", "Cordelia|NAME/PATIENT",
                        "(617) 555-0199|CONTACT/PHONE", "1948-07-30|DATE/DATE", "41 Larkspur Lane|LOCATION/STREET",
                        "Framingham|LOCATION/CITY", "01702|LOCATION/ZIP", "pr-88|ID/IDNUM", "Anil Venkataraman|NAME/DOCTOR",
                        "MetroWest Medical Center|LOCATION/HOSPITAL", "Chao|NAME/DOCTOR",
                        "Big Bend Home Care|LOCATION/ORGANIZATION"}));
    BOOST_TEST(rule_spans::sexes(scan_xml_fields, bundle) == (strings{"Abernathy|female", "Cordelia|female"}));
}

// Other XML: element and attribute names read as a table's header.
BOOST_AUTO_TEST_CASE(a_plain_export) {
    const std::string record = R"(<patients><patient mrn="A7731" status="active">
  <firstName>Minh</firstName><last_name>Tran</last_name><dob>19850302</dob><age>67</age>
  <phone>508-555-0143</phone><state>active</state><city>Worcester</city><zip>01609</zip>
  <attending><name>Dr. Rosa Delgado</name></attending>
  <medication><name>lisinopril</name><dose>20 mg</dose></medication>
  <email>N/A</email><note>Seen with his wife Lan.</note>
</patient></patients>)";
    BOOST_TEST(fields(record) == (strings{"A7731|ID/MEDICALRECORD", "Minh|NAME/PATIENT", "Tran|NAME/PATIENT",
                                          "19850302|DATE/DATE", "67|AGE/AGE", "508-555-0143|CONTACT/PHONE",
                                          "Worcester|LOCATION/CITY", "01609|LOCATION/ZIP", "Dr. Rosa Delgado|NAME/DOCTOR"}));
    // A sex as an attribute is its element's, as an element its parent's; the attending's name is not the patient's.
    std::string with_sex = record;
    with_sex.replace(with_sex.find("status="), 0, "sex=\"M\" ");
    BOOST_TEST(rule_spans::sexes(scan_xml_fields, with_sex) == (strings{"Minh|male", "Tran|male"}));
    BOOST_TEST(rule_spans::sexes(scan_xml_fields, "<p><name>Ada Obi</name><gender>female</gender></p>") == (strings{"Ada Obi|female"}));
}

// A table's cells by their column's header or their row's (CDA's narrative, a page pasted from a
// browser); a cell under no header, or under one that names nothing to hide, is the model's.
BOOST_AUTO_TEST_CASE(tables) {
    const std::string cda = R"(<ClinicalDocument><section><text><table>
  <thead><tr><th>Name</th><th>Relationship</th><th>Phone</th><th>Attending</th></tr></thead>
  <tbody><tr><td>Ellen Jones</td><td>Mother</td><td>978-555-0101</td><td>Dr. Ochoa</td></tr>
         <tr><td>Sam Jones</td><td>Brother</td><td><content>none</content></td><td>N/A</td></tr></tbody>
</table></text></section></ClinicalDocument>)";
    BOOST_TEST(fields(cda) == (strings{"Ellen Jones|NAME/PATIENT", "978-555-0101|CONTACT/PHONE", "Dr. Ochoa|NAME/DOCTOR",
                                       "Sam Jones|NAME/PATIENT"}));
    const std::string page = "<table><tr><th>Patient</th><td>Marisol Etxeberria</td></tr>"
                             "<tr><th>DOB</th><td>03/14/1961</td><td>x</td></tr><tr><td>Lasix</td><td>Ann Lee</td></tr></table>";
    BOOST_TEST(fields(page) == (strings{"Marisol Etxeberria|NAME/PATIENT", "03/14/1961|DATE/DATE"}));
}

// A form laid out as a table: a row's first data cell that names a column heads the row ("<td>Date
// of birth</td><td>…"), when two or more rows and at least half of them are so headed (a first row
// of data cells that names the columns, "Name | Dose", is no form). A cell's text is read through its
// tags (an address's parts after its street: a town, a state's code, a ZIP code); a label is markup.
// FHIR's generated narrative is written so.
BOOST_AUTO_TEST_CASE(forms) {
    const std::string narrative =
        "<div xmlns=\"http://www.w3.org/1999/xhtml\"><table class=\"hapiPropertyTable\"><tbody>"
        "<tr><td>Identifier</td><td>MRN 40-771-2093</td></tr>"
        "<tr><td>Address</td><td><span>1187 Wexford Hollow Rd </span><br/><span>Bramblecote </span><span>OR</span> <span>97401</span></td></tr>"
        "<tr><td>Date&nbsp;of&nbsp;birth</td><td><span>14 March 1961</span></td></tr>"
        "<tr><td><b>Phone:</b></td><td>(541) 555-0192</td></tr><tr><td>Gender</td><td>Female</td></tr>"
        "</tbody></table></div>";
    BOOST_TEST(fields(narrative) == (strings{"MRN 40-771-2093|ID/IDNUM", "1187 Wexford Hollow Rd|LOCATION/STREET",
                                             "Bramblecote|LOCATION/CITY", "OR|LOCATION/STATE", "97401|LOCATION/ZIP",
                                             "14 March 1961|DATE/DATE",
                                             "(541) 555-0192|CONTACT/PHONE"}));
    const std::string read = model_text(narrative);
    for (const char * label : {"Identifier", "Address", "birth", "Phone"}) BOOST_TEST(read.find(label) == std::string::npos, label);
    BOOST_TEST(read.find("Gender") != std::string::npos);
    // A first row that names the columns, in data cells: no form.
    BOOST_TEST(fields("<table><tr><td>Name</td><td>Dose</td></tr><tr><td>Aspirin</td><td>81 mg</td></tr>"
                      "<tr><td>Lasix</td><td>20 mg</td></tr></table>")
                   .empty());
    // One labelled row is too few to tell.
    BOOST_TEST(fields("<table><tr><td>Name</td><td>Ann Lee</td></tr></table>").empty());
    // Beside a "Dose", a "Name" column lists drugs; a header spanning columns heads each.
    BOOST_TEST(fields("<table><tr><th>Name</th><th>Dose</th></tr><tr><td>Lasix</td><td>20 mg</td></tr></table>").empty());
    BOOST_TEST(fields("<table><tr><th colspan=\"2\">Name</th><th>Phone</th></tr>"
                      "<tr><td>Ann</td><td>Lee</td><td>978-555-0101</td></tr></table>") ==
               (strings{"Ann|NAME/PATIENT", "Lee|NAME/PATIENT", "978-555-0101|CONTACT/PHONE"}));
    BOOST_TEST(fields("<table><tr><th>Phone</th><th>City</th></tr><tr><td colspan=\"x\">-</td><td>Utica</td></tr></table>") ==
               (strings{"Utica|LOCATION/CITY"}));
}

// A JSON string that holds markup with escapes (FHIR's narrative, "div": "<div xmlns=\"…\">…") is
// read unescaped, its values and markup where they are written.
BOOST_AUTO_TEST_CASE(markup_in_json_strings) {
    const std::string json = R"({"resourceType": "Patient", "text": {"div": "<div xmlns=\"http://www.w3.org/1999/xhtml\"><table>)"
                             R"(<tr><th>Name</th><td>Zo\u00eb \"Zee\" Ng</td></tr><tr><th>DOB</th><td>1961-03-14</td></tr>)"
                             R"(</table></div>"}})";
    BOOST_TEST(fields(json) == (strings{R"(Zo\u00eb \"Zee\" Ng|NAME/PATIENT)", "1961-03-14|DATE/DATE"}));
    const strings ranges = markup(json);
    BOOST_TEST(ranges.front() == R"(<div xmlns=\")");
    BOOST_TEST((std::find(ranges.begin(), ranges.end(), "http://www.w3.org/1999/xhtml") != ranges.end()));
    BOOST_TEST(ranges.back() == "</div>");
    // A string without escapes is read where it stands; one with a bad escape is left to the model.
    BOOST_TEST(fields(R"({"x": "<patient><city>Utica</city></patient>"})") == (strings{"Utica|LOCATION/CITY"}));
    BOOST_TEST(fields(R"({"x": "<patient><city>Utica\q</city></patient>"})").empty());
    BOOST_TEST(fields(R"(He said "<patient><city>Utica</city>\" once)").size() == 1);
}

// Reading stops at the first tag that is no XML or closes no open element, keeping what came
// before, and starts again there; a comment's and a CDATA section's words are the model's.
BOOST_AUTO_TEST_CASE(documents_among_prose) {
    BOOST_TEST(fields("Pasted: <patient><city>Utica</city></patient> and <record><zip>13501</zip></record>.") ==
               (strings{"Utica|LOCATION/CITY", "13501|LOCATION/ZIP"}));
    BOOST_TEST(fields("<patient><city>Utica</city><zip>13501</patient><city>Rome</city>") ==
               (strings{"Utica|LOCATION/CITY", "Rome|LOCATION/CITY"}));
    BOOST_TEST(fields("<patient><city>Utica</city><zip>13501") == (strings{"Utica|LOCATION/CITY"}));
    BOOST_TEST(fields("<patient><!-- city: Utica --><city><![CDATA[Utica]]></city><city>Rome</city></patient>") ==
               (strings{"Rome|LOCATION/CITY"}));
    BOOST_TEST(fields("BP <140/90, <NAME> and <city attr>Utica</city> a<b and c>d <city x=1>Rome</city>").empty());
    BOOST_TEST(fields(std::string(100000, '<')).empty());
    // Delimiters that never close: one pass each, not one per opening.
    for (const char * open : {"<!--", "<![CDATA[", "<?a ", "<!D [", "<a><!--"}) {
        std::string text;
        for (int k = 0; k < 100000; k++) text += open;
        BOOST_TEST(fields(text).empty());
        BOOST_TEST(markup(text).empty());
    }
    std::string nested = "<r><city>Utica</city>";
    for (int k = 0; k < 5000; k++) nested += "<a>";
    // Past 256 levels reading starts again: the deepest element is read on its own.
    BOOST_TEST(fields(nested + "<city>Rome</city>") == (strings{"Utica|LOCATION/CITY", "Rome|LOCATION/CITY"}));
}

// Markup: the tags of elements read whole and of those around them, without attributes' values but
// for namespaces and CDA's codes; nothing of a lone tag.
BOOST_AUTO_TEST_CASE(markup_ranges) {
    BOOST_TEST(markup("Plan: <b>Lasix</b> BP <140/90 <NAME>") == (strings{"<b>", "</b>"}));
    // An HTML element's layout attributes are its tag's markup; its other attributes' values are not.
    BOOST_TEST(markup("<p class=\"x\">Ann <br/> Lee</p>") == (strings{"<p class=\"x\">", "<br/>", "</p>"}));
    BOOST_TEST(markup("<div id=\"main\" title=\"Ann Lee\">x</div>") == (strings{"<div id=\"main\" title=\"", "\">", "</div>"}));
    BOOST_TEST(fields("<div id=\"main\">x</div><patient id=\"A7731\"><b>x</b></patient>") == (strings{"A7731|ID/IDNUM"}));
    BOOST_TEST(markup("<?xml version=\"1.0\"?><r xmlns=\"urn:hl7-org:v3\"><id root=\"1.2.3\" extension=\"X99\"/></r>") ==
               (strings{"<?xml version=\"1.0\"?>", "<r xmlns=\"", "urn:hl7-org:v3", "\">", "<id root=\"", "1.2.3",
                        "\" extension=\"", "\"/>", "</r>"}));
    // A document cut short: the open elements that hold one read whole.
    BOOST_TEST(markup("<a><b><c>x</c><d>y") == (strings{"<a>", "<b>", "<c>", "</c>"}));
    BOOST_TEST(markup("<a><!-- Ann --><![CDATA[Lee]]></a>") == (strings{"<a>", "<!--", "-->", "<![CDATA[", "]]>", "</a>"}));
    // HTML's void elements close themselves, but in CDA: there a "<br>" is no XML.
    BOOST_TEST(markup("<p>Ann<br>Lee<img src=\"a.png\"></p>") == (strings{"<p>", "<br>", "<img src=\"", "\">", "</p>"}));
    BOOST_TEST(markup("<ClinicalDocument><br>x</ClinicalDocument>").empty());
    BOOST_TEST(fields("<record><source>EHR</source><city>Utica</city></record>") == (strings{"Utica|LOCATION/CITY"}));
    BOOST_TEST(markup("no markup at all").empty());
    // Character and entity references are markup: no entity cuts one.
    BOOST_TEST(markup("<p>Date&#160;of&#xA0;birth &amp; &x &#; &#12a; AT&T;</p>") ==
               (strings{"<p>", "&#160;", "&#xA0;", "&amp;", "&T;", "</p>"}));
    BOOST_TEST(fields("<record><city>Saint&#32;Paul</city></record>") == (strings{"Saint&#32;Paul|LOCATION/CITY"}));
}

BOOST_AUTO_TEST_CASE(the_text_the_model_reads) {
    BOOST_TEST(model_text("<name><given>Zoë</given> <family>Ng</family></name> <NAME>") ==
               "             Zoë                 Ng                 <NAME>");
}

// Random bytes of XML's and JSON's own characters: never a read past the text, a span outside it or
// markup over a span's edge (a value may hold a reference, "Saint&#32;Paul", which the tagger keeps
// out of the span).
BOOST_AUTO_TEST_CASE(random_markup) {
    std::mt19937 rng(45);
    const char alphabet[] = "<>/=\"' !?-[]abcity:zip\n\\u0dtrh,&#;";
    for (int round = 0; round < 50000; round++) {
        std::string text(rng() % 200, ' ');
        for (char & c : text) c = alphabet[rng() % (sizeof alphabet - 1)];
        std::vector<span> out;
        scan_xml_fields(text.data(), text.size(), &out);
        const auto ranges = xml_markup(text.data(), text.size());
        for (const span & s : out) {
            BOOST_TEST_REQUIRE((s.begin >= 0 && s.begin < s.end && (size_t) s.end <= text.size()));
            for (const auto & [b, e] : ranges) {
                BOOST_TEST_REQUIRE(((size_t) s.end <= b || e <= (size_t) s.begin || ((size_t) s.begin <= b && e <= (size_t) s.end)));
            }
        }
        for (size_t k = 0; k < ranges.size(); k++) {
            BOOST_TEST_REQUIRE((ranges[k].first < ranges[k].second && ranges[k].second <= text.size()));
            if (k) BOOST_TEST_REQUIRE(ranges[k - 1].second <= ranges[k].first);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
