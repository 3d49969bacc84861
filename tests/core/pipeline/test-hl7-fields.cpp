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
               (strings{"20240314083000|DATE/DATE", "00482913|ID/MEDICALRECORD", "7781|ID/MEDICALRECORD",
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
               (strings{"20240101|DATE/DATE", "55|ID/MEDICALRECORD", "19700101|DATE/DATE"}));
    BOOST_TEST(fields("PID|1||99||DOE^JANE\n") == (strings{"99|ID/MEDICALRECORD", "DOE^JANE|NAME/PATIENT"}));
}

// Where the separators are: those the MSH declares, in segment lines only.
BOOST_AUTO_TEST_CASE(separators_are_where_no_span_goes) {
    const auto at = [](const std::string & t) {
        std::string found;
        for (const auto & [b, e] : hl7_separators(t.data(), t.size())) found += t.substr(b, e - b);
        return found;
    };
    BOOST_TEST(at("PID|1||7^^^H^MR~8||A&B\\T\\C\n") == "|||^^^^~||&\\\\");
    BOOST_TEST(at("MSH#:!\\&#A\nPID#1:2|3\nA note | with ^ pipes\nPid|1^2\n") == "#:!\\&##:");
}

BOOST_AUTO_TEST_CASE(lines_that_are_no_segment) {
    BOOST_TEST(fields("The PID|1 was fine.\nPid|1||99||DOE^JANE\nPI|1||99\nPID 1 99 DOE\nAL1|1||^PENICILLIN\n").empty());
}

BOOST_AUTO_TEST_CASE(segment_ids) {
    const std::string t = "MSH|^~\\&|X\nPID|1\nA MSH|x\nMSHX|";
    BOOST_TEST(is_hl7_segment_id(t.data(), t.size(), 0, 3));
    BOOST_TEST(is_hl7_segment_id(t.data(), t.size(), t.find("PID"), t.find("PID") + 3));
    BOOST_TEST(!is_hl7_segment_id(t.data(), t.size(), t.find("MSH|x"), t.find("MSH|x") + 3)); // not at a line's start
    BOOST_TEST(!is_hl7_segment_id(t.data(), t.size(), t.find("MSHX"), t.find("MSHX") + 3));
}

BOOST_AUTO_TEST_SUITE_END()
