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
    "Ethan", "Margaret", "Noah", "Dorothy", "Julian", "Kimberly", "Adrian", "Shirley", "Austin", "Marie", "Sean",
    "Janice", "Gerald", "Alice", "Arthur", "Julia", "Lawrence", "Judith", "Bryan", "Frances", "Bruce", "Gloria",
    "Gabriel", "Teresa", "Alan", "Doris", "Juan", "Evelyn", "Albert", "Cheryl", "Elijah", "Mildred", "Wayne", "Beverly",
    "Vincent", "Denise", "Eugene", "Marilyn", "Philip", "Danielle", "Harold", "Brittany", "Keith", "Diana", "Shawn",
    "Natalie", "Carlos", "Sophia", "Luis", "Lori", "Jeremy", "Kayla", "Travis", "Jacqueline", "Marcus", "Kathryn",
    "Shane", "Megan", "Ernest", "Hannah", "Stanley", "Isabella", "Leonard", "Ava", "Dustin", "Mia", "Curtis", "Amelia",
    "Derek", "Ella", "Norman", "Chloe", "Herbert", "Penelope", "Fred", "Layla", "Alfred", "Nora", "Harvey", "Lillian",
    "Vernon", "Ellie", "Clifford", "Stella", "Lloyd", "Zoe", "Marvin", "Leah", "Leroy", "Audrey", "Melvin", "Bella",
    "Wesley", "Claire", "Calvin", "Lucy", "Seth", "Everly", "Lucas", "Caroline", "Liam", "Emilia", "Oliver", "Kinsley",
    "Owen", "Naomi", "Caleb", "Aaliyah", "Isaac", "Elena", "Connor", "Sadie", "Landon", "Ariana", "Colton", "Gabriella",
    "Nolan", "Alexa", "Evan", "Allison", "Brayden", "Vanessa", "Gavin", "Lauren", "Xavier", "Kaylee", "Dominic",
    "Jenna", "Ian", "Brianna", "Josiah", "Kristen", "Isaiah", "Erin", "Jaxon", "Monica", "Trevor", "Wendy", "Brett",
    "Lorraine", "Cody", "Irene", "Jared", "Rita", "Tristan", "Gail", "Jerome", "Paula", "Darrell", "Peggy", "Lamar",
    "Connie", "Andre", "Tina", "Malik", "Loretta", "Tyrone", "Yvonne", "Reginald", "Rosa", "Cedric", "Ellen", "Dwayne",
    "Carla", "Marlon", "Valerie", "Desmond", "Lucille", "Terrence", "Alicia", "Darius", "Lydia", "Jamal", "Carmen",
    "Maurice", "Vera", "Roland", "Roberta", "Clyde", "Geraldine", "Otis", "Marlene", "Alvin", "Darlene", "Floyd",
    "Eleanor", "Leon", "Edith", "Oscar", "Florence", "Frederick", "Beatrice", "Danny", "Agnes", "Eddie", "Ethel",
    "Ricky", "Gertrude", "Lonnie", "Harriet", "Donnie", "Sylvia", "Bryce", "Priscilla", "Wyatt", "Esther", "Jace",
    "Miriam", "Grayson", "Deanna", "Brody", "Tamara", "Silas", "Melanie", "Declan", "Rhonda", "Ezra", "Marcia", "Asher",
    "Candace", "Theodore", "Renee", "Hugo", "Jocelyn", "Felix", "Latoya", "Jonah", "Keisha", "Elias", "Tanisha",
    "Damian", "Imani", "Ronan", "Shanice", "Beckett", "Monique", "Everett", "Yolanda", "Emmett", "Kathy", "Abel",
    "Cindy", "Randall", "Tara", "Kurt", "Maureen", "Neil", "Eileen", "Darren", "Fiona", "Jon", "Cecilia", "Byron",
    "Felicia", "Nathaniel", "Debbie", "Dwight", "Bridget", "Lyle", "Kristina", "Bernard", "Melinda", "Lester", "Jodi",
    "Edgar", "Tonya", "Joel", "Gina", "Edwin", "Kara", "Craig", "Brooke", "Todd", "Alyssa", "Bradley", "Madeline",
    "Douglas", "Jillian", "Rodney", "Caitlin", "Brendan", "Haley", "Zane", "Bethany", "Ezekiel", "Kendra", "Malachi",
    "Marissa", "Gideon", "Heidi", "Thaddeus", "Cassandra", "Leland", "Sabrina", "Irving", "Gwendolyn", "Wilbur",
    "Jeanette", "Elmer", "Annette", "Rudolph", "Bernadette", "Raul", "Maxine", "Ruben", "Josephine", "Ramon",
    "Henrietta", "Francisco", "Louise", "Roberto", "Lorna", "Alberto", "Muriel", "Manuel", "Nadine", "Jorge", "Colette",
    "Pedro", "Lucia", "Eduardo", "Valentina", "Sergio", "Camila", "Fernando", "Daniela", "Joao", "Mariana", "Thiago",
    "Ximena", "Rodrigo", "Adriana", "Gustavo", "Beatriz", "Pierre", "Alejandra", "Jacques", "Paola", "Antoine",
    "Lorena", "Mathieu", "Marisol", "Olivier", "Juliana", "Giovanni", "Fernanda", "Marco", "Larissa", "Alessandro",
    "Bruna", "Matteo", "Giulia", "Lorenzo", "Francesca", "Giuseppe", "Chiara", "Klaus", "Alessia", "Stefan", "Federica",
    "Lukas", "Martina", "Jurgen", "Sabine", "Matthias", "Ursula", "Piotr", "Heike", "Tomasz", "Katrin", "Krzysztof",
    "Annika", "Marcin", "Agnieszka", "Dmitri", "Katarzyna", "Sergei", "Malgorzata", "Alexei", "Magdalena", "Nikolai",
    "Olga", "Vladimir", "Tatiana", "Ahmed", "Svetlana", "Mohammed", "Anastasia", "Youssef", "Irina", "Khalid", "Nadia",
    "Tariq", "Amira", "Karim", "Yasmin", "Hassan", "Salma", "Mehmet", "Huda", "Emre", "Rania", "Burak", "Zeynep",
    "Reza", "Elif", "Dariush", "Ayse", "Farhad", "Shirin", "Rahul", "Parisa", "Arjun", "Maryam", "Vikram", "Ananya",
    "Sanjay", "Divya", "Rohan", "Pooja", "Amit", "Sunita", "Ravi", "Kavita", "Jian", "Lakshmi", "Zhiwei", "Neha",
    "Haoran", "Xiaoling", "Hiroshi", "Xiaomei", "Takeshi", "Meiling", "Kenji", "Sakura", "Haruto", "Aiko", "Minjun",
    "Yumi", "Jihoon", "Emiko", "Seojun", "Seoyeon", "Tuan", "Jiyeon", "Duc", "Minji", "Chinedu", "Chioma", "Emeka",
    "Ngozi", "Tunde", "Adaeze", "Kofi", "Abena", "Kojo", "Akosua", "Dawit", "Selam", "Yohannes", "Meron", "Henrik",
    "Astrid", "Lars", "Sigrid", "Anders", "Freya", "Erik", "Linnea", "Dimitrios", "Eleni", "Nikos", "Katerina",
    "Giorgos", "Dimitra",
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
    "Bryant", "Hamilton", "Sullivan", "Wallace", "Owens", "Reynolds", "Ellis", "Gibson", "Mcdonald", "Murray",
    "Simpson", "Crawford", "Boyd", "Kennedy", "Dixon", "Holmes", "Robertson", "Daniels", "Nichols", "Ferguson",
    "Hawkins", "Dunn", "Perkins", "Gardner", "Stephens", "Matthews", "Wagner", "Willis", "Watkins", "Olson", "Carroll",
    "Duncan", "Snyder", "Cunningham", "Andrews", "Armstrong", "Greene", "Elliott", "Kelley", "Lawson", "Carr",
    "Vasquez", "Montgomery", "Richards", "Williamson", "Johnston", "Meyer", "Mccoy", "Howell", "Morrison", "Hansen",
    "Fernandez", "Garza", "Jacobs", "Reid", "Romero", "Larson", "Frazier", "Hanson", "Moreno", "Medina", "Hoffman",
    "Carlson", "Pearson", "Fleming", "Jensen", "Vargas", "Byrd", "Davidson", "Hopkins", "Herrera", "Soto", "Walters",
    "Neal", "Caldwell", "Lowe", "Jennings", "Barnett", "Horton", "Shelton", "Castro", "Sutton", "Mckinney", "Rhodes",
    "Pena", "Newman", "Haynes", "Mcdaniel", "Mendez", "Vaughn", "Dawson", "Norris", "Steele", "Schultz", "Guzman",
    "Munoz", "Keller", "Walsh", "Lyons", "Ramsey", "Wolfe", "Schneider", "Mullins", "Benson", "Cummings", "Hines",
    "Baldwin", "Griffith", "Valdez", "Hubbard", "Salazar", "Warner", "Stevenson", "Santos", "Tate", "Mann", "Thornton",
    "Mcgee", "Delgado", "Aguilar", "Vega", "Cohen", "Harmon", "Rodgers", "Robbins", "Blair", "Higgins", "Ingram",
    "Reese", "Strickland", "Townsend", "Goodwin", "Walton", "Rowe", "Hampton", "Ortega", "Patton", "Swanson",
    "Maldonado", "Yates", "Erickson", "Hodges", "Rios", "Conner", "Adkins", "Malone", "Hammond", "Osborne", "Mccarthy",
    "Guerrero", "Estrada", "Sandoval", "Gibbs", "Fitzgerald", "Doyle", "Sherman", "Saunders", "Alvarado", "Greer",
    "Padilla", "Nunez", "Ballard", "Schwartz", "Mcbride", "Christensen", "Klein", "Briggs", "Mclaughlin", "Zimmerman",
    "Buchanan", "Moran", "Copeland", "Pittman", "Brady", "Mccormick", "Holloway", "Wong", "Morton", "Abbott", "Norton",
    "Clayton", "Massey", "Figueroa", "Roberson", "Tran", "Harrington", "Boone", "Cortez", "Mathis", "Wilkins", "Phelps",
    "Mcguire", "Wilkerson", "Nash", "Atkins", "Wilcox", "Conley", "Marquez", "Burnett", "Cochran", "Ayala", "Vazquez",
    "Dickerson", "Acosta", "Flynn", "Espinoza", "Nicholson", "Whitaker", "Molina", "Huffman", "Bradford", "Gilmore",
    "Dominguez", "Kramer", "Gallagher", "Shaffer", "Wiggins", "Mathews", "Mcclain", "Fischer", "Hensley", "Contreras",
    "Baxter", "Mosley", "Beasley", "Petersen", "Meyers", "Olsen", "Schroeder", "Woodard", "Mueller", "Kemp", "Deleon",
    "Calhoun", "Eaton", "Navarro", "Harrell", "Humphrey", "Duran", "Hutchinson", "Hess", "Dorsey", "Avila", "Vance",
    "Blankenship", "Trevino", "Salinas", "Campos", "Pruitt", "Callahan", "Montoya", "Hardin", "Guerra", "Mcdowell",
    "Carey", "Stafford", "Gallegos", "Henson", "Wilkinson", "Merritt", "Atkinson", "Hobbs", "Preston", "Knox",
    "Pacheco", "Stephenson", "Rojas", "Serrano", "Sweeney", "Mcclure", "Conway", "Maynard", "Farrell", "Nixon",
    "Trujillo", "Sloan", "Juarez", "Mclean", "Randolph", "Boyer", "Villarreal", "Mccall", "Carrillo", "Ayers", "Lara",
    "Leblanc", "Velasquez", "Chang", "Bartlett", "Mercado", "Landry", "Durham", "Mckee", "Bauer", "Bradshaw", "Velez",
    "Estes", "Dodson", "Sheppard", "Camacho", "Livingston", "Middleton", "Blevins", "Kerr", "Mcconnell", "Hatfield",
    "Harding", "Solis", "Giles", "Pennington", "Woodward", "Finley", "Mcintosh", "Koch", "Blanchard", "Rivas",
    "Brennan", "Mejia", "Kane", "Benton", "Buckley", "Maddox", "Russo", "Mcknight", "Mcmillan", "Crosby", "Dotson",
    "Chan", "Richmond", "Faulkner", "Knapp", "Kline", "Ochoa", "Jacobson", "Hendricks", "Horne", "Shepard", "Hebert",
    "Cardenas", "Mcintyre", "Waller", "Holman", "Donaldson", "Cantu", "Terrell", "Morin", "Gillespie", "Fuentes",
    "Tillman", "Sanford", "Bentley", "Salas", "Rollins", "Dickson", "Santana", "Cabrera", "Cervantes", "Howe", "Hinton",
    "Zamora", "Mcneil", "Suarez", "Gould", "Mcfarland", "Sampson", "Rosario", "Hester", "Melendez", "Dillon", "Farley",
    "Galloway", "Aguirre", "Osborn", "Franco", "Rowland", "Sykes", "Dunlap", "Hayden", "Mckay", "Coffey", "Mccarty",
    "Cooley", "Vaughan", "Bonner", "Ferrell", "Cantrell", "Fulton", "Calderon", "Burch", "Daugherty", "Dillard",
    "Alston", "Jarvis", "Frye", "Riggs", "Chaney", "Odom", "Duffy", "Fitzpatrick", "Valenzuela", "Merrill", "Mayer",
    "Alford", "Mcpherson", "Acevedo", "Donovan", "Barrera", "Reilly", "Compton", "Mooney", "Mcgowan", "Clemons", "Wynn",
    "Nielsen", "Baird", "Stanton", "Rosales", "Stuart", "Rutledge", "Kinney", "Clements", "Castaneda", "Hahn",
    "Emerson", "Conrad", "Burks", "Delaney", "Lancaster", "Tyson", "Whitfield", "Talley", "Macias", "Irwin", "Burris",
    "Ratliff", "Mccray", "Kaufman", "Goff", "Bolton", "Mcfadden", "Byers", "Kirkland", "Mcleod", "Holcomb", "Burt",
    "Hendrix", "Sosa", "Haney", "Nieves", "Rasmussen", "Hewitt", "Valencia", "Forbes", "Gilliam", "Guthrie", "Wooten",
    "Huber", "Boyle", "Mcmahon", "Buckner", "Rocha", "Puckett", "Langley", "Knowles", "Cooke", "Velazquez", "Whitley",
    "Shea", "Hartley", "Mayfield", "Rankin", "Hanna", "Adeyemi", "Okonkwo", "Nwosu", "Okeke", "Chukwu", "Ogunleye",
    "Balogun", "Afolabi", "Bello", "Abubakar", "Musa", "Danjuma", "Olawale", "Akinola", "Mensah", "Asante", "Boateng",
    "Owusu", "Osei", "Agyeman", "Appiah", "Darko", "Amoah", "Acheampong", "Ansah", "Addo", "Boakye", "Quaye", "Tetteh",
    "Annan", "Zhang", "Liu", "Huang", "Zhao", "Zhou", "Zhu", "Guo", "Luo", "Gao", "Zheng", "Liang", "Xie", "Han",
    "Feng", "Deng", "Cao", "Zeng", "Xiao", "Tian", "Cai", "Jiang", "Cheng", "Shen", "Ren", "Shao", "Qian", "Kong",
    "Leung", "Cheung", "Lau", "Sato", "Suzuki", "Takahashi", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi",
    "Kato", "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto", "Inoue", "Kimura", "Hayashi", "Shimizu",
    "Yamazaki", "Mori", "Ikeda", "Yamashita", "Ishikawa", "Nakajima", "Maeda", "Pham", "Hoang", "Phan", "Bui", "Duong",
    "Truong", "Dinh", "Trinh", "Luong", "Huynh", "Sharma", "Kumar", "Gupta", "Mehta", "Joshi", "Reddy", "Rao", "Iyer",
    "Nair", "Menon", "Pillai", "Desai", "Chopra", "Kapoor", "Malhotra", "Bhatia", "Agarwal", "Verma", "Mishra",
    "Pandey", "Tiwari", "Chatterjee", "Banerjee", "Mukherjee", "Das", "Bose", "Ghosh", "Dutta", "Chaudhary", "Yadav",
    "Hussain", "Rahman", "Qureshi", "Siddiqui", "Chaudhry", "Aziz", "Khoury", "Nasser", "Saleh", "Hamdan", "Mansour",
    "Farouk", "Darwish", "Abbas", "Yousef", "Najjar", "Awad", "Halabi", "Barakat", "Habib", "Sabbagh", "Shaheen",
    "Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Yildiz", "Yildirim", "Ozturk", "Aydin", "Ozdemir", "Arslan", "Dogan",
    "Kilic", "Aslan", "Hosseini", "Mohammadi", "Ahmadi", "Rezaei", "Moradi", "Karimi", "Hashemi", "Jafari", "Rahimi",
    "Ghorbani", "Mousavi", "Sadeghi", "Kazemi", "Tehrani", "Iglesias", "Rubio", "Prieto", "Pascual", "Carrasco",
    "Nieto", "Marin", "Sanz", "Cortes", "Gallego", "Vidal", "Calvo", "Ferrer", "Soler", "Ibanez", "Garrido", "Vicente",
    "Benitez", "Quintero", "Esquivel", "Villalobos", "Zuniga", "Pineda", "Palacios", "Bautista", "Oliveira", "Souza",
    "Pereira", "Ferreira", "Almeida", "Carvalho", "Gomes", "Ribeiro", "Alves", "Araujo", "Barbosa", "Cardoso",
    "Teixeira", "Correia", "Nunes", "Mendes", "Moreira", "Cavalcanti", "Monteiro", "Azevedo", "Fonseca", "Machado",
    "Durand", "Lefebvre", "Moreau", "Michel", "Bertrand", "Fournier", "Girard", "Dupont", "Fontaine", "Rousseau",
    "Lefevre", "Faure", "Mercier", "Guerin", "Garnier", "Legrand", "Gauthier", "Perrin", "Nicolas", "Roussel",
    "Gautier", "Masson", "Marchand", "Duval", "Denis", "Ferrari", "Esposito", "Bianchi", "Colombo", "Ricci", "Marino",
    "Greco", "Conti", "Deluca", "Mancini", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro",
    "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Longo", "Martinelli", "Vitale", "Schulz", "Schafer", "Richter",
    "Neumann", "Schwarz", "Zimmermann", "Kruger", "Hofmann", "Lange", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid",
    "Schulze", "Maier", "Kohler", "Herrmann", "Konig", "Scholz", "Moller", "Schubert", "Vogel", "Friedrich", "Winkler",
    "Nowak", "Wisniewski", "Wojcik", "Kowalczyk", "Kaminski", "Lewandowski", "Zielinski", "Szymanski", "Wozniak",
    "Dabrowski", "Kozlowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Nowakowski",
    "Pawlowski", "Michalski", "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vasiliev", "Petrov", "Sokolov", "Mikhailov",
    "Novikov", "Fedorov", "Morozov", "Volkov", "Alekseev", "Lebedev", "Semenov", "Egorov", "Pavlov", "Kozlov",
    "Stepanov", "Nikolaev", "Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Oliynyk",
    "Boyko", "Pedersen", "Jorgensen", "Madsen", "Kristensen", "Thomsen", "Poulsen", "Johansen", "Knudsen", "Mortensen",
    "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson",
    "Pettersson", "Jonsson", "Papadopoulos", "Papadakis", "Georgiou", "Nikolaidis", "Pappas", "Dimitriou", "Ioannou",
    "Konstantinou", "Vlachos", "Angelopoulos", "Oikonomou", "Makris", "Alexiou", "Karagiannis", "Byrne", "Dunne",
    "Kavanagh", "Flanagan", "Keane", "Daly", "Kearney", "Fahey", "Mcgrath", "Hennessy", "Donnelly", "Sheridan",
    "Finnegan", "Cassidy", "Maguire", "Mcnamara", "Ahern", "Flaherty", "Dempsey", "Callaghan", "Keegan", "Moriarty",
    "Egan", "Geraghty", "Regan", "Jansen", "Devries", "Vandenberg", "Bakker", "Visser", "Meijer", "Mulder", "Vos",
    "Hendriks", "Dekker", "Brouwer", "Dijkstra",
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
