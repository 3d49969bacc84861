// XML documents pasted into the tagger: HL7 CDA documents (<ClinicalDocument xmlns="urn:hl7-org:v3">,
// whose header names the patient, the authors, the custodian, their addresses, phones, ids and
// times), FHIR resources written in XML (<Patient xmlns="http://hl7.org/fhir"><family value=…/>) and
// plain exports (<patient><dob>…</dob></patient>). The default model, trained on notes, read a CDA
// header's markup as words: it took element names for a department and a user name
// ("ClinicalDocument", "streetAddressLine"), and left the family name, the ZIP code and the author's
// whole name. Element names say what a value is, and markup holds no PHI.
#pragma once

#include "pipeline/span.h"

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace mab {

// Appends a span (BYTE offsets, source rule, origin "xml", score 0.99) for each value that holds PHI
// in each XML element of text[0, len) (a '<' and a name; read to its end tag, the text's end or the
// first tag that is no XML, keeping what came before; 256 levels at most). A value is an element's
// text (when it holds no element) or an attribute's value:
//   - any value that is an ISO date: DATE;
//   - CDA (the HL7 v3 namespace, or inside a ClinicalDocument): a name's given and family names and
//     a name written whole (under the patient, a guardian, a relative or an associated person:
//     PATIENT; under an assigned person or entity, an author, a performer, an authenticator or a
//     recipient: DOCTOR); an organization's or a facility's name (HOSPITAL; a payer's:
//     ORGANIZATION); an addr's parts (streetAddressLine, houseNumber, streetName: STREET; city,
//     county; state; postalCode; country) or the addr written whole; a telecom's value after its
//     scheme (tel: PHONE, fax: FAX, mailto: EMAIL; a URL whole); an id's extension (an SSN under
//     the SSN's root, 2.16.840.1.113883.4.1; else IDNUM); a time's value (birthTime, time,
//     effectiveTime, low, high, center) of at least YYYYMMDD, without its time zone;
//   - FHIR (its namespace): the value attribute of an element, read as json-fields.h reads FHIR's
//     JSON (record-fields.h), an element named with a capital being a resource;
//   - other XML: an element's or attribute's name read as a table's header ("dob", "firstName");
//   - in any of them, a table's cell (<td>) by its row's header cell or, under a row of header cells
//     only, by its column's, read as a table's header (XHTML's too).
// No other value in XHTML (a FHIR resource's narrative) and none in comments or CDATA: the model
// reads them.
void scan_xml_fields(const char * text, size_t len, std::vector<span> * out);

// The byte ranges [first, second) of text[0, len) that are XML markup, sorted: the tags of each
// element read whole (its start and end tags, or its empty-element tag) but their attributes'
// values, the tags of the elements around them, the delimiters of comments and CDATA sections,
// processing instructions and declarations; and the values that hold no PHI: namespaces, and in
// CDA and FHIR the attributes that hold codes, OIDs and uses. A lone "<NAME>" or "<5 mm" is none.
// Outside CDA and FHIR, HTML's void elements ("<br>", "<img …>") close themselves unless their end
// tag comes next. Empty for a text without XML.
std::vector<std::pair<size_t, size_t>> xml_markup(const char * text, size_t len);

// text[0, len) for the model to read: the ranges of `markup` (xml_markup's) as spaces, every other
// byte as it is, so that offsets into it are offsets into the text.
std::string xml_text_for_the_model(const char * text, size_t len, const std::vector<std::pair<size_t, size_t>> & markup);

} // namespace mab
