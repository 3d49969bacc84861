"""TRAIN templates. The held-out set uses templates_heldout.py, which shares no template with this file.

Syntax (see generate.py): {SLOT} inserts PHI or background text; a line starting with "?" is kept
with probability 0.6; "|" inside [[a|b|c]] picks one alternative.
"""

TEMPLATES = {
    "discharge_summary": [
        """[[DISCHARGE SUMMARY|Discharge Summary|DISCHARGE SUMMARY - FINAL]]
{HOSP}
Patient Name: {PT}
MRN: {MRN}
?Account #: {ACCT}
Admission Date: {DATEF}
Discharge Date: {DATEF}
Attending: {DR}
?Service: {DEPT}

HISTORY OF PRESENT ILLNESS:
{PT} is a {PT_AGE} with {BG1}
{BG}

HOSPITAL COURSE:
{BG}
?The patient was seen by {DR2} from {DEPT} on {DATE}.
{BG}

DISCHARGE MEDICATIONS:
{BG1}

FOLLOW UP:
Follow up with {DR} in [[1 week|2 weeks|one month]]. Call {PHONE} with questions.
?Appointment scheduled at {HOSP2} on {DATE}.

Dictated by: {DR_SIG}
?{INIT}/{USER}
?D: {DATE}  T: {DATE}
""",
        """{HOSP}
{ADDR}
Tel {PHONE}   Fax {FAX}

DISCHARGE SUMMARY

NAME: {PT}            MR#: {MRN}
DOB: {DATEF}          AGE: {AGE}
ADMITTED: {DATE}      DISCHARGED: {DATE}

Reason for admission: {BG1}
?Past medical history: {BG1}
Social history: Works as a {PROF}. Lives in {CITY} with [[her husband|his wife|a roommate|family]].
{BG}
?The patient's daughter, {NOK}, can be reached at {PHONE}.

Hospital course by problem:
{BG}
{BG}
?Discussed with {DR2} ({DEPT}) on {DATE}.

Condition at discharge: stable.
Primary care physician: {DR}, {HOSP2}
Electronically signed by {DR_SIG} on {DATETIME}
""",
        """ADMISSION/DISCHARGE NOTE
Pt: {PT}   |   Med Record: {MRN}   |   SSN: {SSN}
Date of admission: {DATEF}
?Insurance ID: {ID}
{PT_T} is a {PT_AGE} who was admitted to {DEPT} at {HOSP} for {BG1}
{BG}
She was transferred from {HOSP2} on {DATE}.
{BG}
?Home address: {ADDR}
Disposition: home with services. PCP {DR} ({PHONE}).
{DR_SIG}
""",
    ],
    "progress_note": [
        """PROGRESS NOTE
Date of service: {DATEF}
Patient: {PT}, DOB {DATEF}, MRN {MRN}
Provider: {DR}

S: {BG}
?{PT_FIRST} reports {BG1}
O: {BG}
A/P: {BG}
?Will discuss with {DR2} on {DATE}.
RTC in [[2 weeks|3 months|6 weeks]]. {DR_SIG}
""",
        """Subjective:
{PT_T} returns today for follow-up of {BG1}
Last visit was on {DATE} with {DR2}.
{BG}
?He is a {PROF} at {ORG}.
Objective:
{BG}
Assessment and plan:
{BG}
?Labs drawn {DATE}; results will be posted to the portal at {URL}.
Seen and examined with {DR}. Pager {PAGER}.
-- {INIT}
""",
        """ID: {PT_AGE}, MRN {MRN}, room [[412|5B|ICU bed 7]], {DEPT}
Interval events: {BG}
?Family ({NOK}, [[wife|son|daughter|husband|mother]]) updated by phone {PHONE} on {DATE}.
Exam: {BG}
Plan: {BG}
{DR_SIG}, pager {PAGER}
""",
    ],
    "nursing_note": [
        """NURSING NOTE {DATETIME}
Pt {PT} (MRN {MRN}), {AGE} y/o, on {DEPT}.
{BG}
?Pt's son {NOK} visited; contact {PHONE}.
{BG}
Report given to {NURSE}, RN.
""",
        """Shift assessment - {DATE}
{PT_FIRST} alert and oriented. {BG1}
{BG}
?MD {DR} notified at {DATETIME}, orders received.
?Call light within reach. Wife {NOK} at bedside.
Signed: {NURSE} RN / {USER}
""",
    ],
    "radiology_report": [
        """RADIOLOGY REPORT
{HOSP} - {DEPT}
Patient: {PT}    MRN: {MRN}    Acc#: {ID}
Exam date: {DATETIME}
Ordering physician: {DR}
?Comparison: {DATE}

FINDINGS:
{BG}
IMPRESSION:
{BG1}
?Results called to {DR2} at {PHONE} on {DATETIME}.
Read by {DR_SIG}. Workstation {IP}.
""",
        """EXAM: [[CT chest with contrast|MRI brain without contrast|XR knee 3 views|US abdomen complete]]
NAME: {PT}   DOB: {DATEF}   ACCESSION: {ID}
HISTORY: {PT_AGE} with {BG1}
TECHNIQUE: standard protocol.
COMPARISON: [[None.|Prior study dated {DATE}.|Outside images from {HOSP2}, {DATE}.]]
FINDINGS: {BG}
IMPRESSION: {BG1}
Dictated {DATE} by {DR}; transcribed by {USER}.
""",
    ],
    "referral_letter": [
        """{HOSP}
{DEPT}
{ADDR}
Phone {PHONE} | Fax {FAX}
?{URL}

{DATEF}

{DR_T}
{HOSP2}
{ADDR}

Re: {PT}, DOB {DATEF}, MRN {MRN}

Dear {DR_T},

Thank you for seeing {PT_T}, a {PT_AGE}, who I am referring for {BG1}
{BG}
?She works as a {PROF} and lives in {CITYST}.
?Her insurance policy number is {ID}.
Please contact me at {EMAIL} or {PHONE} with any questions.

Sincerely,
{DR_SIG}
?NPI {LIC}
""",
        """Dear Dr. {DR_LAST},

I saw your patient {PT} in {DEPT} on {DATE}. {BG1}
{BG}
?His previous records from {HOSP2} ({CITY}, {STATE}) were reviewed.
My recommendations: {BG}
I will see {PT_FIRST} again on {DATE}.

Kind regards,
{DR_SIG}
{HOSP} | {PHONE} | {EMAIL}
?DEA {LIC}
""",
    ],
    "patient_message": [
        """From: {PT_EMAIL}
To: {EMAIL}
Sent: {DATETIME}
Subject: [[question about my meds|appointment|test results|refill]]

Hi {DR_T},
{CHAT}
{CHAT}
?my new address is {ADDR}
?you can call me at {PHONE}
thanks,
{PT_FIRST}
""",
        """MyChart message from {PT} (MRN {MRN}) received {DATETIME}:
"{CHAT} {CHAT}"
Reply by {NURSE}, RN: Hello {PT_FIRST}, {DR_T} reviewed your message on {DATE}. {BG1} Please call {PHONE} to schedule.
?Portal: {URL}
""",
        """Telephone encounter {DATE}
Caller: {NOK} ([[daughter|son|wife|husband|neighbor]]) at {PHONE}
Re: {PT}, {AGE} yo
{CHAT}
Advised per {DR}. {BG1}
{NURSE}, RN
""",
    ],
}
