"""HELD-OUT templates, used only for the test set: different layouts, field names and phrasings than
templates_train.py (same syntax, see generate.py)."""

TEMPLATES = {
    "discharge_summary": [
        """*** {HOSP} ***  Inpatient Discharge Record
Name of patient: {PT}   Unit number: {MRN}   Visit: {ACCT}
Date admitted {DATEF}; date released {DATEF}
Responsible consultant {DR}

Summary of stay
{BG}
{PT_T}, {AGE}, was cared for on {DEPT}. {BG1}
?On {DATE} the team consulted {DR2}.
{BG}
Outpatient review at {HOSP2} around {DATE}; booking line {PHONE}.
?Next of kin: {NOK}, tel {PHONE}.
Completed by {DR_SIG} {DATETIME}
""",
    ],
    "progress_note": [
        """Clinic follow-up -- {DEPT}, {HOSP}
{DATEF}
{PT} ({AGE} years) comes in with [[his wife|her partner|a carer]] {NOK}. {BG1}
History: {BG}
On examination: {BG}
Impression/plan: {BG}
?Occupation: {PROF}; employer {ORG}.
Discussed with attending {DR}. Beeper {PAGER}.
""",
    ],
    "nursing_note": [
        """{DATETIME} RN note: {PT_FIRST} {BG1}
{BG}
?Spouse {NOK} phoned {PHONE} asking for an update; told to call {DEPT} desk.
Dr. {DR_LAST} aware. -{NURSE}
""",
    ],
    "radiology_report": [
        """{HOSP} Imaging Services   {URL}
Study: [[CTA head and neck|Chest PA and lateral|MRI lumbar spine|Renal ultrasound]]   Study date: {DATEF}
Name {PT}; Hosp no. {MRN}; Order no. {ID}
Clinical indication: {PT_AGE}, {BG1}
Report: {BG}
Conclusion: {BG1}
?Discussed by telephone with {DR2} on {DATETIME}.
Reported by {DR_SIG}
""",
    ],
    "referral_letter": [
        """{DATEF}

To: {DR_T}, {DEPT}, {HOSP2}, {CITYST}
From: {DR}, {HOSP}, tel {PHONE}, fax {FAX}

Referral for {PT} (born {DATEF}; chart {MRN}; SSN {SSN})
Address: {ADDR}

I would be grateful for your opinion on this {PT_AGE}. {BG1}
{BG}
?Licence number {LIC}. Reply to {EMAIL}.
Yours sincerely, {DR_SIG}
""",
    ],
    "patient_message": [
        """Patient portal thread #{ID}
{DATETIME} - {PT} wrote:
{CHAT} {CHAT}
?(logged from IP {IP})
{DATETIME} - {NURSE}, RN replied: Thanks {PT_FIRST}, I passed this on to Dr. {DR_LAST}. If worse please call {PHONE} or go to {HOSP}.
""",
        """voicemail {DATE}: {NOK} calling about [[her mother|his father|their son]] {PT}, number {PHONE}
{CHAT}
callback done by {NURSE}. {BG1}
""",
    ],
}
