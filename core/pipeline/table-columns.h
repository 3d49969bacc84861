// Tables pasted into the tagger: comma- or tab-separated lines and Markdown's pipe tables, whose
// header says what each column holds ("name,dob,mrn,city"; "| Name | DOB | Phone |"). The model,
// trained on notes, reads a row as a run of words and leaves many of its cells (of `"Tran,
// Minh",1985-03-02,A7731,Worcester` the default model kept `Tran`, the MRN and the city); a column's
// header says what every cell under it is.
#pragma once

#include "pipeline/span.h"

#include <cstddef>
#include <vector>

namespace mab {

// The type and subtype of what a column's header names ("DOB" -> DATE/DATE, "Patient_Name" ->
// NAME/PATIENT, "Zip Code" -> LOCATION/ZIP), in any case, '_' or '-' standing for a space and a
// capital after a lower-case letter beginning a word ("PostalCode", "birthDate"); false
// when it names nothing to hide ("Dose", "Result").
bool column_header_type(const char * header, size_t n, const char ** type, const char ** subtype);

// Which part of a name a column's header names: "First name" given names, "Surname" family names.
name_part header_name_part(const char * header, size_t n);

// Whether a column's header names a property of things ("Dose", "Result", "Code"): beside it, a
// "Name" column lists drugs or tests, no people.
bool is_header_of_things(const char * header, size_t n);

// Whether text[0, n) is what a cell or field writes for no value: empty, "N/A", "unknown", "-", ...
bool is_no_value(const char * text, size_t n);

// Whether text[b, e) (bytes), which the model took for an entity, is a whole cell of a line that
// heads a table (below) and names a column ("DOB" of "| Name | DOB |", "mrn" of "name,dob,mrn,city"):
// a header, no person. Not "ID" of "Toms River, ID", whose line heads nothing.
bool is_column_header_cell(const char * text, size_t len, size_t b, size_t e);

// Appends a span (BYTE offsets, source rule, origin "table") for each cell of a column whose header
// names something to hide, in each table of text[0, len): a header line of two or more cells, each a
// short label, one of them naming such a column in a pipe table and two in lines of commas or tabs
// (a form's "City<tab>Utica" heads nothing), then one or more rows with as many cells (for a pipe
// table, after the line of dashes), up to a line with another number of cells. An empty cell
// or one that says there is none ("N/A", "unknown", "-") is left, and so is a clinical term in a
// column of names (a "Name" column beside "Dose" lists drugs, no people).
void scan_table_columns(const char * text, size_t len, std::vector<span> * out);

} // namespace mab
