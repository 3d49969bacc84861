// Replacement values for the surrogate operator: common given names and surnames, places and
// institutions, written for this project (no external list). Fictional institutions only.
#pragma once

#include <iterator>

namespace mab::surrogate_lists {

// A man's given name, then a woman's, in turn: deid keeps a given name's surrogate to its kind.
inline const char * const first_names[] = {
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
    "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Daniel", "Lisa",
    "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Sandra", "Donald", "Ashley", "Steven", "Emily", "Andrew", "Donna",
    "Paul", "Michelle", "Joshua", "Carol", "Kenneth", "Amanda", "Kevin", "Melissa", "Brian", "Deborah", "George",
    "Stephanie", "Timothy", "Rebecca", "Ronald", "Laura", "Jason", "Helen", "Edward", "Sharon", "Jeffrey", "Cynthia",
    "Ryan", "Kathleen", "Jacob", "Amy", "Gary", "Angela", "Nicholas", "Anna", "Eric", "Ruth", "Jonathan", "Brenda",
    "Stephen", "Pamela", "Larry", "Nicole", "Justin", "Katherine", "Scott", "Samantha", "Brandon", "Christine",
    "Benjamin", "Emma", "Samuel", "Catherine", "Gregory", "Debra", "Alexander", "Virginia", "Patrick", "Rachel",
    "Frank", "Carolyn", "Raymond", "Janet", "Jack", "Maria", "Dennis", "Olivia", "Jerry", "Heather", "Tyler", "Diane",
    "Aaron", "Julie", "Jose", "Joyce", "Adam", "Victoria", "Nathan", "Kelly", "Henry", "Christina", "Zachary", "Joan",
    "Omar", "Priya", "Wei", "Aisha", "Mateo", "Yuki", "Ivan", "Fatima", "Luca", "Ingrid", "Kwame", "Leila",
};

static_assert(std::size(first_names) % 2 == 0, "first_names pairs a man's name with a woman's");

inline const char * const last_names[] = {
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
    "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young",
    "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker",
    "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz",
    "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers",
    "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox",
    "Ward", "Richardson", "Watson", "Brooks", "Chavez", "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz",
    "Hughes", "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster", "Jimenez",
    "Okafor", "Tanaka", "Kowalski", "Novak", "Larsen", "Haddad", "Chen", "Singh", "Rossi", "Dubois", "Schmidt", "Silva",
};

inline const char * const cities[] = {
    "Springfield", "Riverton", "Fairview", "Greenville", "Franklin", "Clinton", "Georgetown", "Salem", "Madison",
    "Arlington", "Ashland", "Burlington", "Manchester", "Milton", "Newport", "Oxford", "Dayton", "Lexington",
    "Bristol", "Dover", "Hudson", "Kingston", "Marion", "Jackson", "Auburn", "Centerville", "Chester", "Lakewood",
    "Mount Vernon", "Oakland", "Plymouth", "Winchester", "Harrison", "Cleveland", "Troy", "Monroe",
};

inline const char * const states[] = {
    "Alabama", "Arizona", "Colorado", "Georgia", "Idaho", "Illinois", "Iowa", "Kansas", "Kentucky", "Maine",
    "Maryland", "Michigan", "Minnesota", "Missouri", "Montana", "Nebraska", "Nevada", "Ohio", "Oklahoma", "Oregon",
    "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Wisconsin",
};

inline const char * const state_codes[] = {
    "AL", "AZ", "CO", "GA", "ID", "IL", "IA", "KS", "KY", "ME", "MD", "MI", "MN",
    "MO", "MT", "NE", "NV", "OH", "OK", "OR", "TN", "TX", "UT", "VT", "VA", "WI",
};

inline const char * const countries[] = {
    "Canada", "Mexico", "Brazil", "Argentina", "Ireland", "Portugal", "Spain", "France", "Germany", "Poland",
    "Norway", "Sweden", "Finland", "Greece", "Turkey", "Egypt", "Kenya", "Ghana", "India", "Thailand", "Vietnam",
    "Japan", "Australia", "New Zealand",
};

inline const char * const street_names[] = {
    "Main", "Oak", "Pine", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park", "Walnut", "Spring",
    "Birch", "Ridge", "Church", "Willow", "Mill", "Sunset", "Highland", "Forest", "Jefferson", "River", "Meadow",
    "Chestnut", "Lincoln", "Franklin", "Cherry", "Valley",
};

inline const char * const street_suffixes[] = {"Street", "Avenue", "Road", "Lane", "Drive", "Court", "Place", "Way", "Boulevard"};

inline const char * const hospitals[] = {
    "Riverside General Hospital", "Lakeview Medical Center", "St. Aurelia Hospital", "Northgate Community Hospital",
    "Pinecrest Regional Medical Center", "Harborview Clinic", "Maple Valley Hospital", "Eastbrook Medical Center",
    "Summit Health Center", "Westfield Memorial Hospital", "Cedar Hills Hospital", "Brookside Family Clinic",
};

inline const char * const organizations[] = {
    "Northwind Logistics", "Bluebird Textiles", "Granite Peak Insurance", "Silverline Foods", "Oakmont Schools",
    "Redwood Engineering", "Harbor Freightways", "Summit Analytics", "Greenleaf Pharmacy", "Ironbridge Partners",
};

inline const char * const departments[] = {
    "Internal Medicine", "Cardiology", "Oncology", "Neurology", "Orthopedics", "Pediatrics", "Radiology",
    "Surgery", "Emergency Department", "Nephrology", "Pulmonology", "Dermatology",
};

inline const char * const professions[] = {
    "teacher", "accountant", "electrician", "carpenter", "librarian", "engineer", "nurse", "chef", "mechanic",
    "farmer", "pharmacist", "architect", "plumber", "cashier", "journalist", "software developer", "truck driver",
    "musician", "painter", "lawyer",
};

} // namespace mab::surrogate_lists
