/// The fixed rosters: company-name words, account managers by region, competitors, contacts.
///
/// All names are made up; phone numbers use the ranges reserved for fiction
/// (US 555-01xx, UK 020 7946 0xxx) and e-mail domains end in `.example`.
enum NameBook {
  /// The vendor whose update caused the outage (fictional).
  static let vendor: StaticString = "Aegis"

  /// Fictional competitors customers threaten to move to.
  static let competitors: [StaticString] = [
    "Bastionware", "Northgate Defense", "Quillon Security", "Ironveil", "Sentrik",
  ]

  /// Five account managers per region, in the order of ``Region``; the first manages the biggest book.
  static let managers: [[String]] = [
    ["Maria Gonzalez", "James Whitfield", "Priya Raman", "Derek Olsen", "Tanya Brooks"],
    ["Sophie Laurent", "Lukas Becker", "Amara Okafor", "Giulia Romano", "Tom Hargreaves"],
    ["Kenji Watanabe", "Mei Lin Tan", "Arjun Mehta", "Chloe Nguyen", "Daniel Park"],
    ["Camila Rocha", "Mateo Fernández", "Valentina Cruz", "Diego Salazar", "Lucía Herrera"],
  ]

  /// How the accounts of a region are shared among its five managers.
  static let managerBookWeights: [Double] = [0.28, 0.24, 0.20, 0.16, 0.12]

  static let companyFirstWords: [StaticString] = [
    "Northwind", "Blue Ridge", "Harbor", "Summit", "Cedar", "Pioneer", "Granite", "Silverline", "Redwood",
    "Lakeshore", "Keystone", "Brightwater", "Ironbridge", "Meridian", "Oakmont", "Riverbend", "Starling",
    "Copperfield", "Evergreen", "Highland", "Bayview", "Crescent", "Falcon Ridge", "Golden Gate", "Horizon",
    "Juniper", "Kingsway", "Maplewood", "Atlas", "Beacon", "Clearwater", "Driftwood", "Eastgate", "Foxglove",
    "Greenfield", "Hillcrest", "Indigo", "Larkspur", "Moonstone", "Nordic", "Orchard", "Pinecrest", "Quarry",
    "Rosewood", "Sandstone", "Tidewater", "Union", "Vantage", "Westbrook", "Yellowstone",
  ]

  static let companySecondWords: [StaticString] = [
    "Logistics", "Health", "Foods", "Freight", "Analytics", "Manufacturing", "Dental", "Capital", "Insurance",
    "Retail", "Energy", "Media", "Labs", "Hospitality", "Legal", "Construction", "Pharma", "Airlines",
    "Credit Union", "Utilities", "Software", "Clinics", "Outfitters", "Bank", "Telecom", "Packaging", "Motors",
    "Travel", "Schools", "Realty",
  ]

  static let companyLegalForms: [StaticString] = [
    "Inc.", ", Inc.", "LLC", "Ltd", "GmbH", "S.A.", "Group", "Co.", "", "", "", "Partners", "PLC", "B.V.",
  ]

  static let contactFirstNames: [StaticString] = [
    "Alex", "Jordan", "Sam", "Chris", "Taylor", "Morgan", "Jamie", "Pat", "Robin", "Casey", "Dana", "Lee",
    "Nadia", "Omar", "Elena", "Marco", "Hannah", "Yusuf", "Ingrid", "Ravi", "Fatima", "Jonas", "Keiko", "Ana",
  ]

  static let contactLastNames: [StaticString] = [
    "Smith", "Miller", "Kowalski", "Dubois", "Schmidt", "Haddad", "Silva", "Johansson", "Okoye", "Tanaka",
    "Rossi", "Novak", "Byrne", "Costa", "Yilmaz", "Andersen", "Patel", "Kim", "Moreau", "Walsh",
  ]

  static let contactTitles: [StaticString] = [
    "IT Director", "Head of Infrastructure", "Sysadmin", "CISO", "Operations Manager", "Office Manager",
    "VP Engineering", "IT Support Lead",
  ]

  static let monthNames: [StaticString] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
  ]
}
