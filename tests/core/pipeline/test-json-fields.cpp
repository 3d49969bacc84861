// json-fields.cpp: the values of JSON records that hold PHI, by their keys: FHIR resources, plain
// exports, and text that is only partly JSON or no JSON at all.
#define BOOST_TEST_MODULE json_fields
#include <boost/test/unit_test.hpp>

#include "pipeline/json-fields.h"
#include "core/pipeline/rule-spans.h"

#include <cstring>
#include <string>

using namespace mab;

namespace {

using rule_spans::strings;

strings fields(const std::string & text) { return rule_spans::found(scan_json_fields, text, "json"); }

} // namespace

BOOST_AUTO_TEST_SUITE(json_fields_suite)

BOOST_AUTO_TEST_CASE(a_fhir_patient) {
    const std::string patient = R"({
  "resourceType": "Patient",
  "id": "example-7731",
  "identifier": [{"system": "urn:oid:2.16.840.1.113883.19.5", "value": "MRN448120"}],
  "name": [{"use": "official", "family": "Abernathy", "given": ["Cordelia", "Mae"], "prefix": ["Mrs."]},
           {"text": "Cordy Abernathy"}],
  "telecom": [{"system": "phone", "value": "(617) 555-0199", "use": "home"},
              {"system": "email", "value": "cmabernathy@example.org"}, {"system": "other", "value": "n/a"}],
  "gender": "female",
  "birthDate": "1948-07-30",
  "deceasedDateTime": "2026-03-01T10:40:00-05:00",
  "address": [{"line": ["41 Larkspur Lane", "Apt 2"], "city": "Framingham", "district": "Middlesex",
               "state": "MA", "postalCode": "01702", "country": "USA"}],
  "contact": [{"relationship": [{"text": "son"}], "name": {"family": "Abernathy", "given": ["Thomas"]}}],
  "generalPractitioner": [{"reference": "Practitioner/pr-88", "display": "Anil Venkataraman"}],
  "managingOrganization": {"reference": "urn:uuid:0c3a", "display": "MetroWest Medical Center"}
})";
    BOOST_TEST(fields(patient) ==
               (strings{"example-7731|ID/IDNUM", "MRN448120|ID/IDNUM", "Abernathy|NAME/PATIENT", "Cordelia|NAME/PATIENT",
                        "Mae|NAME/PATIENT", "Cordy Abernathy|NAME/PATIENT", "(617) 555-0199|CONTACT/PHONE",
                        "cmabernathy@example.org|CONTACT/EMAIL", "1948-07-30|DATE/DATE",
                        "2026-03-01T10:40:00-05:00|DATE/DATE", "41 Larkspur Lane|LOCATION/STREET",
                        "Apt 2|LOCATION/STREET", "Framingham|LOCATION/CITY", "Middlesex|LOCATION/CITY", "MA|LOCATION/STATE",
                        "01702|LOCATION/ZIP", "USA|LOCATION/COUNTRY", "Abernathy|NAME/PATIENT", "Thomas|NAME/PATIENT",
                        "pr-88|ID/IDNUM", "Anil Venkataraman|NAME/DOCTOR", "MetroWest Medical Center|LOCATION/HOSPITAL"}));
    // Which names are given names and which family names, for their surrogates.
    BOOST_TEST(rule_spans::name_parts(scan_json_fields, patient) ==
               (strings{"Abernathy|family", "Cordelia|given", "Mae|given", "Abernathy|family", "Thomas|given"}));
    // "gender" is the Patient's: its own names', not its contact's nor its practitioner's.
    BOOST_TEST(rule_spans::sexes(scan_json_fields, patient) ==
               (strings{"Abernathy|female", "Cordelia|female", "Mae|female", "Cordy Abernathy|female"}));
    BOOST_TEST(rule_spans::sexes(scan_json_fields, R"({"contact": [{"name": {"given": ["Lan"]}, "gender": "male"}],)"
                                                   R"( "name": [{"given": ["Minh"]}], "gender": "unknown"})") ==
               (strings{"Lan|male"}));
    BOOST_TEST(rule_spans::sexes(scan_json_fields, R"([{"firstName": "Ada", "sex": "F"}, {"first_name": "Obi", "Sex": "m"}])") ==
               (strings{"Ada|female", "Obi|male"}));
}

// A clinician's names, an organization's and a place's name, and the people a clinical resource
// refers to; its codes and a year alone are no PHI.
BOOST_AUTO_TEST_CASE(clinicians_places_and_references) {
    BOOST_TEST(fields(R"({"resourceType": "Practitioner", "name": [{"family": "Chao", "given": ["Wen-Li"]}]})") ==
               (strings{"Chao|NAME/DOCTOR", "Wen-Li|NAME/DOCTOR"}));
    BOOST_TEST(fields(R"({"resourceType": "Organization", "name": "Big Bend Home Care", "type": [{"text": "home health"}]})") ==
               (strings{"Big Bend Home Care|LOCATION/ORGANIZATION"}));
    BOOST_TEST(fields(R"({"resourceType":"Location","name":"Northland Eye Surgery Center"})") ==
               (strings{"Northland Eye Surgery Center|LOCATION/HOSPITAL"}));
    const std::string observation =
        R"({"resourceType": "Observation", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "718-7", "display": "Hemoglobin"}]},
            "subject": {"reference": "Patient/7731", "display": "Henryka Kowalczyk"},
            "performer": [{"display": "Rafael Montesinos-Ibarra"}], "effectiveDateTime": "2026-02-11",
            "issued": "2026", "valueQuantity": {"value": 13.2, "unit": "g/dL"}})";
    BOOST_TEST(fields(observation) == (strings{"7731|ID/IDNUM", "Henryka Kowalczyk|NAME/PATIENT",
                                               "Rafael Montesinos-Ibarra|NAME/DOCTOR", "2026-02-11|DATE/DATE"}));
    // A contained resource is read as its own: its "id" and "name" are its members.
    BOOST_TEST(fields(R"({"resourceType": "Encounter", "contained": [{"resourceType": "Location", "id": "loc1",
                          "name": "6 North"}], "serviceProvider": {"display": "St. Brigid's Hospital"}})") ==
               (strings{"loc1|ID/IDNUM", "6 North|LOCATION/HOSPITAL", "St. Brigid's Hospital|LOCATION/HOSPITAL"}));
}

// Outside FHIR a key is read as a table's header, in any case and spelling.
BOOST_AUTO_TEST_CASE(a_plain_export) {
    const std::string record = R"([{"patient_name": "Tran, Minh", "dob": "03/02/1985", "mrn": 7731042, "age": 67,
  "firstName": "Ada", "lastName": "Okafor", "phoneNumber": "555-0142", "postalCode": "02139", "city": "Worcester",
  "state": "active", "id": 3, "visit_date": "yesterday", "email": "N/A",
  "attending": {"name": "Dr. Priya Raghunathan"},
  "medications": [{"name": "lisinopril", "dose": "20 mg"}], "notes": "Seen by Dr. Okafor"}])";
    BOOST_TEST(fields(record) ==
               (strings{"Tran, Minh|NAME/PATIENT", "03/02/1985|DATE/DATE", "7731042|ID/MEDICALRECORD", "67|AGE/AGE",
                        "Ada|NAME/PATIENT", "Okafor|NAME/PATIENT", "555-0142|CONTACT/PHONE", "02139|LOCATION/ZIP",
                        "Worcester|LOCATION/CITY", "Dr. Priya Raghunathan|NAME/DOCTOR"}));
    BOOST_TEST(rule_spans::name_parts(scan_json_fields, record) == (strings{"Ada|given", "Okafor|family"}));
    // A key that names a clinician says whose name its own value is.
    BOOST_TEST(fields(R"({"attending": "Priya Raghunathan", "pcp": "Ana Ruiz", "name": "Ada Okafor"})") ==
               (strings{"Priya Raghunathan|NAME/DOCTOR", "Ana Ruiz|NAME/DOCTOR", "Ada Okafor|NAME/PATIENT"}));
}

// A record in a note, two of them, one cut short (what came before the cut is kept) and one that goes
// wrong half way; an escaped quote stays in its string.
BOOST_AUTO_TEST_CASE(records_among_prose) {
    BOOST_TEST(fields("Pasted from the portal: {\"name\": \"Ada O\\\"Neil\", \"dob\": \"1961-04-22\"} and then "
                      "{\"city\": \"Utica\"} ok") ==
               (strings{"Ada O\\\"Neil|NAME/PATIENT", "1961-04-22|DATE/DATE", "Utica|LOCATION/CITY"}));
    BOOST_TEST(fields("{\"name\": \"Ada Okafor\", \"dob\": \"1961-04") == (strings{"Ada Okafor|NAME/PATIENT"}));
    BOOST_TEST(fields("{\"name\": \"Ada Okafor\", \"dob\" \"1961-04-22\", \"city\": \"Utica\"}") ==
               (strings{"Ada Okafor|NAME/PATIENT"}));
    // A string holds no line break: what follows one is not read as the string's.
    BOOST_TEST(fields("{\"name\": \"Ada\nOkafor\", \"city\": \"Utica\"}").empty());
}

BOOST_AUTO_TEST_CASE(text_that_is_no_json) {
    BOOST_TEST(fields("{not json} {\"quoted\"} {} {\"a\" b} \"name\": \"Ada\" { \"name\" }").empty());
    BOOST_TEST(fields(std::string(100000, '{')).empty());
    BOOST_TEST(fields("{\"a\":" + std::string(100000, '[') + "\"x\"").empty());
    std::string nested = "{\"name\": \"Ada\", \"x\": ";
    for (int k = 0; k < 5000; k++) nested += "{\"x\": ";
    BOOST_TEST(fields(nested) == (strings{"Ada|NAME/PATIENT"}));
}

BOOST_AUTO_TEST_CASE(keys) {
    const std::string text = R"({"family": "Abernathy", "given": ["Cordelia"]} "city" alone)";
    const auto key = [&](const char * word) {
        const size_t b = text.find(word);
        return is_json_key(text.data(), text.size(), b, b + strlen(word));
    };
    BOOST_TEST(key("family"));
    BOOST_TEST(key("given"));
    BOOST_TEST(!key("Abernathy"));
    BOOST_TEST(!key("Cordelia"));
    BOOST_TEST(!key("city"));
    BOOST_TEST(!key("amil"));
}

BOOST_AUTO_TEST_SUITE_END()
