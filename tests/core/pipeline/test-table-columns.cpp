// table-columns.cpp: the cells of a pasted table (CSV, tab-separated, Markdown pipes) under a header
// that names something to hide, typed by the header; tables of things, empty cells and prose stay.
#define BOOST_TEST_MODULE table_columns
#include <boost/test/unit_test.hpp>

#include "pipeline/table-columns.h"
#include "core/pipeline/rule-spans.h"

#include <cstring>
#include <string>
#include <vector>

using namespace mab;

namespace {

using rule_spans::strings;

strings cells(const std::string & text) { return rule_spans::found(scan_table_columns, text, "table"); }

} // namespace

BOOST_AUTO_TEST_SUITE(table_columns_suite)

BOOST_AUTO_TEST_CASE(headers_name_types_in_any_case_and_spelling) {
    const char * type = nullptr, * subtype = nullptr;
    const std::pair<const char *, const char *> cases[] = {
        {"DOB", "DATE/DATE"},          {"Patient_Name", "NAME/PATIENT"}, {"zip-code", "LOCATION/ZIP"},
        {"E-mail", "CONTACT/EMAIL"},   {"MRN", "ID/MEDICALRECORD"},    {"Attending", "NAME/DOCTOR"},
        {"Member ID", "ID/HEALTHPLAN"}, {"  City ", "LOCATION/CITY"},
    };
    for (const auto & [header, want] : cases) {
        BOOST_TEST_CONTEXT(header) {
            BOOST_REQUIRE(column_header_type(header, strlen(header), &type, &subtype));
            BOOST_TEST(std::string(type) + "/" + subtype == want);
        }
    }
    for (const char * header : {"Dose", "Result", "Notes", "Named", "Citywide", ""}) {
        BOOST_TEST(!column_header_type(header, strlen(header), &type, &subtype), header);
    }
}

BOOST_AUTO_TEST_CASE(a_pipe_table) {
    BOOST_TEST(cells("| Name | DOB | Phone | Notes |\n|---|:---:|---|---|\n| Lucas Ferreira | 02/11/1979 | 508-555-0191 | "
                     "doing well |\n| Amara Nwosu | N/A | | follow up |\nThe end.") ==
               (strings{"Lucas Ferreira|NAME/PATIENT", "02/11/1979|DATE/DATE", "508-555-0191|CONTACT/PHONE",
                        "Amara Nwosu|NAME/PATIENT"}));
}

BOOST_AUTO_TEST_CASE(comma_and_tab_separated) {
    BOOST_TEST(cells("name,dob,mrn,city\n\"Tran, Minh\",1985-03-02,A7731,Worcester\n\"Kelly, Sean P\",1952-12-19,A7732,"
                     "Shrewsbury\n") ==
               (strings{"Tran, Minh|NAME/PATIENT", "1985-03-02|DATE/DATE", "A7731|ID/MEDICALRECORD", "Worcester|LOCATION/CITY",
                        "Kelly, Sean P|NAME/PATIENT", "1952-12-19|DATE/DATE", "A7732|ID/MEDICALRECORD",
                        "Shrewsbury|LOCATION/CITY"}));
    BOOST_TEST(cells("Patient\tAge\tRoom\r\nRosa Diaz\t93\t4B\r\n") ==
               (strings{"Rosa Diaz|NAME/PATIENT", "93|AGE/AGE", "4B|LOCATION/ROOM"}));
    // A column of given names or of surnames says so, for their surrogates.
    BOOST_TEST(rule_spans::name_parts(scan_table_columns, "Last Name,First Name,Middle name,Name\nNguyen,Viet,Thi,Lan Pham\n") ==
               (strings{"Nguyen|family", "Viet|given", "Thi|given"}));
}

// A row with another number of cells ends the table; a header needs a row under it.
BOOST_AUTO_TEST_CASE(a_table_ends_where_its_rows_do) {
    BOOST_TEST(cells("Name,Phone\nAna Ruiz,555-0101\nSeen today, doing well, no changes.\nBob,555-0199\n") ==
               (strings{"Ana Ruiz|NAME/PATIENT", "555-0101|CONTACT/PHONE"}));
    BOOST_TEST(cells("Name,Phone\n").empty());
}

// A bare "Name" beside a drug's columns names drugs; a clinical term in a column of names is none.
BOOST_AUTO_TEST_CASE(tables_of_things) {
    BOOST_TEST(cells("| Name | Dose | Frequency |\n|---|---|---|\n| Lisinopril | 10 mg | daily |\n| Hal Smith | 1 | x |\n").empty());
    BOOST_TEST(cells("Patient,Provider\nMetformin,Dr. Ada Ng\n") == (strings{"Dr. Ada Ng|NAME/DOCTOR"}));
}

// A form's labels and values, tab-separated, head no table: one known column, a value for a label.
BOOST_AUTO_TEST_CASE(a_form_is_no_table) {
    BOOST_TEST(cells("License\tW13793\nATTENDING: T. Hegmann, FACS\tcc Hegmann, Thaddeus\nCity\tUtica\nFax no.:\t1-254-254-5543\n").empty());
}

// Prose with commas is no table: its cells are no labels.
BOOST_AUTO_TEST_CASE(prose_is_no_table) {
    BOOST_TEST(cells("Name, DOB and MRN were verified.\nHe is well, eating, sleeping.\n").empty());
    BOOST_TEST(cells("Patient, a 45-year-old man, presents with pain.\nHe denies fever, chills.\n").empty());
}

BOOST_AUTO_TEST_CASE(header_cells) {
    const std::string t = "| Name | DOB |\nname,dob,mrn\nDOB: 1/2/1990; the DOB is\nSacred Heart Hospital, Toms River, ID\n";
    const auto header = [&](const char * word, size_t from) {
        const size_t b = t.find(word, from);
        return is_column_header_cell(t.data(), t.size(), b, b + strlen(word));
    };
    BOOST_TEST(header("DOB", 0));
    BOOST_TEST(header("dob", 0));
    BOOST_TEST(header("mrn", 0));
    BOOST_TEST(!header("DOB", t.find("DOB:")));  // a label in prose
    BOOST_TEST(!header("DOB", t.find("the DOB"))); // a word of a sentence
    BOOST_TEST(!header("ID", 0));                  // a state after a town: the line heads no table
}

BOOST_AUTO_TEST_SUITE_END()
