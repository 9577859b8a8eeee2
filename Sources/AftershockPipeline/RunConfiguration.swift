import AftershockIngest
import AftershockModel
import Foundation

/// What `aftershock run` reads, where it writes, and the settings of its models.
public struct RunConfiguration: Sendable {
  /// The accounts input (CSV or JSON Lines).
  public var accountsPath: String
  /// The tickets input.
  public var ticketsPath: String
  /// The survey answers input, if any.
  public var surveysPath: String?
  /// The folder the outputs go to.
  public var outputDirectory: String
  /// The SQLite history file.
  public var databasePath: String
  /// The day features and risk are computed at (UTC); nil: today.
  public var asOf: Day?
  /// Lexicons, default models.
  public var dataDirectory: DataDirectory
  /// Files of competitor names (one a line, as `Data/lexicons/competitors.txt`) read beside the
  /// shipped list: the company's own market.
  public var competitorFiles: [String]
  /// Files of the company's own product names (same format): the service, never a competitor.
  public var productFiles: [String]
  /// A churn model file; nil: `Data/models/churn.json`, or a model fitted on this run's labelled accounts.
  public var churnModelPath: String?
  /// Reading options for every input.
  public var ingestOptions: IngestOptions
  /// The run fails when an input's quarantined share passes this.
  public var maximumBadShare: Double
  /// Risk tier thresholds.
  public var tiers: RiskTiers
  /// Forecast horizons in days.
  public var horizons: [Int]
  /// Worker threads for text scoring (default: every core).
  public var workerCount: Int

  /// A configuration with the product's defaults.
  public init(
    accountsPath: String, ticketsPath: String, surveysPath: String?, outputDirectory: String = "out",
    databasePath: String? = nil, asOf: Day? = nil, dataDirectory: DataDirectory, churnModelPath: String? = nil,
    ingestOptions: IngestOptions = IngestOptions(), maximumBadShare: Double = 0.2,
    tiers: RiskTiers = RiskTiers(), horizons: [Int] = [30, 90, 180, 365], workerCount: Int? = nil,
    competitorFiles: [String] = [], productFiles: [String] = []
  ) {
    self.accountsPath = accountsPath
    self.ticketsPath = ticketsPath
    self.surveysPath = surveysPath
    self.outputDirectory = outputDirectory
    self.databasePath = databasePath ?? outputDirectory + "/aftershock.sqlite"
    self.asOf = asOf
    self.dataDirectory = dataDirectory
    self.competitorFiles = competitorFiles
    self.productFiles = productFiles
    self.churnModelPath = churnModelPath
    self.ingestOptions = ingestOptions
    self.maximumBadShare = maximumBadShare
    self.tiers = tiers
    self.horizons = horizons
    self.workerCount = workerCount ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
  }

  /// The names of a data folder's own competitor and product lists, read by a run over the folder.
  public static let competitorsFileName = "competitors.txt"
  public static let productsFileName = "products.txt"

  /// The competitor lists a run reads beside the shipped one: the files `named`
  /// (`--competitors`), each of which must exist, then `dataFolder`'s `competitors.txt` when it
  /// has one and it is not among them.
  /// - Throws: `PipelineError.failed` when a named file does not exist or is a folder, naming it.
  public static func competitorFiles(named: [String], dataFolder: String?) throws -> [String] {
    try nameLists(
      named, dataFolder: dataFolder, fileName: competitorsFileName, option: "--competitors", of: "competitor")
  }

  /// The company's product-name lists, as `competitorFiles` finds them (`--products`,
  /// `products.txt`).
  public static func productFiles(named: [String], dataFolder: String?) throws -> [String] {
    try nameLists(named, dataFolder: dataFolder, fileName: productsFileName, option: "--products", of: "product")
  }

  private static func nameLists(
    _ named: [String], dataFolder: String?, fileName: String, option: String, of what: String
  ) throws -> [String] {
    var files: [String] = []
    for file in named {
      var isFolder: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: file, isDirectory: &isFolder)
      if !exists || isFolder.boolValue {
        throw PipelineError.failed(
          "\(file): \(exists ? "a folder" : "no such file") (\(option) names a file of \(what) names, one a line)")
      }
      if !files.contains(file) { files.append(file) }
    }
    if let folder = dataFolder {
      let own = (folder.hasSuffix("/") ? folder : folder + "/") + fileName
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: own, isDirectory: &isFolder), !isFolder.boolValue,
        !files.contains(own)
      {
        files.append(own)
      }
    }
    return files
  }

  /// Finds `accounts`, `tickets` and `surveys` (`.csv`, `.tsv`, `.jsonl`, `.ndjson`) in a folder, by
  /// the rule `InputFolder` states (the one `validate DIR` follows too).
  /// - Throws: `PipelineError.failed` when `directory` does not exist or is a file;
  ///   `PipelineError.missingInput` when accounts or tickets are not there; the errors of
  ///   `InputFolder.init(directory:)` (two files for one kind, a name that is not a file).
  public static func inputs(in directory: String) throws -> (accounts: String, tickets: String, surveys: String?) {
    var isFolder: ObjCBool = false
    if !FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder) {
      throw PipelineError.failed(
        "\(directory) does not exist (--data names the folder holding the accounts, tickets and surveys files)")
    }
    if !isFolder.boolValue {
      throw PipelineError.failed(
        "\(directory) is a file, not a folder: give a folder to --data, or name the files with --accounts FILE --tickets FILE"
      )
    }
    let folder = try InputFolder(directory: directory)
    guard let accounts = folder.accounts else {
      throw PipelineError.missingInput(
        what: "accounts", directory: directory, misnamed: folder.misnamed[.accounts] ?? [])
    }
    guard let tickets = folder.tickets else {
      throw PipelineError.missingInput(what: "tickets", directory: directory, misnamed: folder.misnamed[.tickets] ?? [])
    }
    return (accounts, tickets, folder.surveys)
  }
}
