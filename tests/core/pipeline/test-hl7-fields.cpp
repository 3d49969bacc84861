// hl7-fields.cpp: the fields of HL7 v2 segments that hold PHI, by their place; repetitions, the
// separators an MSH declares, and lines that are no segment.
#define BOOST_TEST_MODULE hl7_fields
#include <boost/test/unit_test.hpp>

#include "pipeline/hl7-fields.h"
#include "core/pipeline/rule-spans.h"

#include <cstring>
#include <string>
#include <vector>

using namespace mab;

namespace {

using rule_spans::strings;

strings fields(const std::string & text) { return rule_spans::found(scan_hl7_fields, text, "hl7"); }

} // namespace

BOOST_AUTO_TEST_SUITE(hl7_fields_suite)

BOOST_AUTO_TEST_CASE(a_patient_and_next_of_kin) {
    const std::string msg = "MSH|^~\\&|EPIC|MGH|LAB|MGH|20240314083000||ADT^A01|MSG00001|P|2.5\r"
                            "PID|1||00482913^^^MGH^MR~7781^^^SSA^SS||OKONKWO^ADAEZE^N||19610719|F|||"
                            "1200 HARBOR VIEW RD^APT 4B^TRAVERSE CITY^MI^49684||(231)555-0187|||||ACCT7734019|123-45-6789\r"
                            "NK1|1|OKONKWO^CHIDI|SPO|^^TRAVERSE CITY^MI|^PRN^PH^^1^231^5550142\r"
                            "PV1|1|I|4W^417^B|||||1487729310^RAGHUNATHAN^PRIYANKA^^^DR\r";
    BOOST_TEST(fields(msg) ==
               (strings{"MGH|LOCATION/HOSPITAL", "MGH|LOCATION/HOSPITAL", "20240314083000|DATE/DATE", "00482913|ID/MEDICALRECORD", "7781|ID/SSN",
                        "OKONKWO^ADAEZE^N|NAME/PATIENT", "19610719|DATE/DATE", "1200 HARBOR VIEW RD|LOCATION/STREET",
                        "APT 4B|LOCATION/STREET", "TRAVERSE CITY|LOCATION/CITY", "MI|LOCATION/STATE", "49684|LOCATION/ZIP",
                        "(231)555-0187|CONTACT/PHONE", "ACCT7734019|ID/ACCOUNT", "123-45-6789|ID/SSN",
                        "OKONKWO^CHIDI|NAME/PATIENT", "TRAVERSE CITY|LOCATION/CITY", "MI|LOCATION/STATE",
                        "231^5550142|CONTACT/PHONE", "417|LOCATION/ROOM", "B|LOCATION/ROOM", "1487729310|ID/IDNUM",
                        "RAGHUNATHAN^PRIYANKA|NAME/DOCTOR"}));
    // PID-8 gives the patient's sex to PID-5's name; NK1-15 (none here) would give the relative's.
    BOOST_TEST(rule_spans::sexes(scan_hl7_fields, msg) == (strings{"OKONKWO^ADAEZE^N|female"}));
    BOOST_TEST(rule_spans::sexes(scan_hl7_fields, "PID|1||7731||NGUYEN^MINH^ANH|TRAN^LAN|19610314|m\rNK1|1|TRAN^BAO|SON"
                                                  "||||||||||||M\rGT1|1||LE^AN||||||U\r") ==
               (strings{"NGUYEN^MINH^ANH|male", "TRAN^BAO|male"}));
}

// The separators are the MSH's own; segments without an MSH use the standard ones.
BOOST_AUTO_TEST_CASE(separators_of_the_message) {
    BOOST_TEST(fields("MSH#:!\\&#A#B#C#D#20240101\nPID#1##55:x:y####19700101\n") ==
               (strings{"B|LOCATION/HOSPITAL", "D|LOCATION/HOSPITAL", "20240101|DATE/DATE", "55|ID/MEDICALRECORD", "19700101|DATE/DATE"}));
    BOOST_TEST(fields("PID|1||99||DOE^JANE\n") == (strings{"99|ID/MEDICALRECORD", "DOE^JANE|NAME/PATIENT"}));
}

// The bytes of text that are in the ranges, each range's between brackets.
std::string bytes_in(const std::string & t, const std::vector<std::pair<size_t, size_t>> & ranges) {
    std::string found;
    for (const auto & [b, e] : ranges) found += "[" + t.substr(b, e - b) + "]";
    return found;
}

// The markup is each segment's id and the separators the MSH declares, in segment lines only.
BOOST_AUTO_TEST_CASE(segment_ids_and_separators_are_markup) {
    const auto markup = [](const std::string & t) { return bytes_in(t, hl7_markup(t.data(), t.size())); };
    BOOST_TEST(markup("PID|1||7^^^H^MR~8||A&B\\T\\C\n") == "[PID][|][|][|][^][^][^][^][~][|][|][&][\\][\\]");
    BOOST_TEST(markup("MSH#:!\\&#A\nPID#1:2|3\nA note | with ^ pipes\nPid|1^2\nMSHX|\nThe PID|1\n") ==
               "[MSH][#][:][!][\\][&][#][PID][#][:]");
}

// The codes of a message: whole fields of HL7's tables and code systems, and the components of
// names, phones, addresses and identifiers that are codes, titles or check digits; OBX-5 by OBX-2.
BOOST_AUTO_TEST_CASE(codes_of_a_message) {
    const auto codes = [](const std::string & t) { return bytes_in(t, hl7_codes(t.data(), t.size())); };
    BOOST_TEST(codes("MSH|^~\\&|EPIC|MGH|LAB|MGH|20240314083000||ADT^A01^ADT_A01|MSG00001|P|2.5\r"
                     "PID|1||7731^^^HOSP^MR~7781^^^SSA^SS||OKONKWO^ADAEZE^N^^DR^MD^L||19610719|F||2106-3^White^CDCREC|"
                     "12 ELM ST^^UTICA^NY^13501^USA^H||^PRN^PH^^1^315^5550142|||M^Married^HL70002\r"
                     "NK1|1|OKONKWO^CHIDI|MTH^Mother^HL70063||||||||||||F\r"
                     "PV1|1|I|4W^417^B||||1487729310^RAGHUNATHAN^PRIYANKA^^^DR^MD^^^^^^NPI\r") ==
               "[EPIC][LAB][ADT^A01^ADT_A01][P][2.5][1][MR][SS][DR][MD][L][F][2106-3^White^CDCREC][H][PRN][PH]"
               "[M^Married^HL70002][1][MTH^Mother^HL70063][F][1][I][DR][MD][NPI]");
    BOOST_TEST(codes("OBX|1|NM|2345-7^Glucose^LN||97|mg/dL^mg/dL^UCUM|70-99|N|||F\r"
                     "OBX|2|CE|883-9^ABO group^LN||O^Group O^LN||||||F\r"
                     "OBX|3|TX|^Note||Seen with her son Bao Tran.||||||F\r"
                     "OBX|4|DT|^Onset||20240301||||||F\r"
                     "DG1|1|I10|E11.9^Type 2 diabetes^I10||20240301|A\rAL1|1|DA|PCN^Penicillin|SV|HIVES|20190101\r") ==
               "[1][NM][2345-7^Glucose^LN][97][mg/dL^mg/dL^UCUM][70-99][N][F][2][CE][883-9^ABO group^LN][O^Group O^LN][F]"
               "[3][TX][^Note][F][4][DT][^Onset][F][1][I10][E11.9^Type 2 diabetes^I10][A][1][DA][PCN^Penicillin][SV][HIVES]");
    BOOST_TEST(codes("A note about NK1|1|x|MTH and MSH|^~\\&|EPIC\n").empty());
    // A segment whose fields do not fit their kinds (a separator lost or gained moved a name into
    // a field of codes or an identifier, leaving its name field without one, or two segments share
    // a line) has no codes; a code shaped as a name beside the segment's name is a code.
    BOOST_TEST(codes("IN1|1|||||||||||||PPO|MORENO^LUCIA^N|\r"
                     "IN1|2||||||||||||||PPO|MORENO^LUCIA^N|SPO^Spouse^HL70063~EMC^Emergency contact^HL70063\r"
                     "IN1|3||||||||||||||PPO||SPO^Spouse^HL70063~O'BRIEN^JAMES\r"
                     "PID|1||7731^^^HOSP^MR|NGUYEN^WEI^A^^DR^L|\r"
                     "AL1|1|DA|PCN^Penicillin|SV|HIVES|20190101|DG1|1|I10\r"
                     "NK1|1||SMITH^SARAH|\r"
                     "NK1|2|DOE^JOHN|SPO^SPOUSE~NOK^NEXT OF KIN|\r"
                     "PID|1||7731||DOE^JANE||||||||||ES^SPANISH\r") ==
               "[2][PPO][SPO^Spouse^HL70063~EMC^Emergency contact^HL70063][2][SPO^SPOUSE~NOK^NEXT OF KIN][1][ES^SPANISH]");
}

// An identifier's type code says what it is, where it has one; OBX-5, DG1 and AL1 give dates, IN1
// an insurer, PV1 a facility.
BOOST_AUTO_TEST_CASE(identifiers_by_their_type_and_more_dates) {
    BOOST_TEST(fields("PID|1||7731^^^HOSP^MR~7781^^^SSA^SS~D123^^^NY^DL~55^^^HOSP^PI||DOE^JANE\r") ==
               (strings{"7731|ID/MEDICALRECORD", "7781|ID/SSN", "D123|ID/LICENSE", "55|ID/MEDICALRECORD", "DOE^JANE|NAME/PATIENT"}));
    BOOST_TEST(fields("OBX|1|DT|^Onset||20240301\rOBX|2|TX|^Note||20240301\rDG1|1|I10|I10||20240302|||||||||||"
                      "1487729310^RAGHUNATHAN^PRIYANKA|||20240303\rAL1|1|DA|PCN|||20190101\rIN1|1|BCBS^Blue Cross|77|BLUE CROSS BLUE SHIELD\r"
                      "PV1|1|I|4W^417^B^MGH&2.16.840.1.113883.19.5&ISO||||||||||||||||||||||||||||||||||||SMC\r") ==
               (strings{"20240301|DATE/DATE", "20240302|DATE/DATE", "1487729310|ID/IDNUM", "RAGHUNATHAN^PRIYANKA|NAME/DOCTOR",
                        "20240303|DATE/DATE", "20190101|DATE/DATE", "BLUE CROSS BLUE SHIELD|LOCATION/ORGANIZATION", "417|LOCATION/ROOM",
                        "B|LOCATION/ROOM", "MGH|LOCATION/HOSPITAL", "SMC|LOCATION/HOSPITAL"}));
}

// A county (an address's ninth component, PID-12) and a birthplace (PID-23) are towns, as a CDA
// address's county is.
BOOST_AUTO_TEST_CASE(counties_and_birthplaces) {
    BOOST_TEST(fields("PID|1||||DOE^JANE||||||12 ELM ST^^UTICA^NY^13501^USA^H^^065|065|||||||||||BOSTON\r") ==
               (strings{"DOE^JANE|NAME/PATIENT", "12 ELM ST|LOCATION/STREET", "UTICA|LOCATION/CITY", "NY|LOCATION/STATE",
                        "13501|LOCATION/ZIP", "USA|LOCATION/COUNTRY", "065|LOCATION/CITY", "065|LOCATION/CITY", "BOSTON|LOCATION/CITY"}));
}

BOOST_AUTO_TEST_CASE(lines_that_are_no_segment) {
    BOOST_TEST(fields("The PID|1 was fine.\nPid|1||99||DOE^JANE\nPI|1||99\nPID 1 99 DOE\nAL1|1||^PENICILLIN\n").empty());
}

BOOST_AUTO_TEST_SUITE_END()
