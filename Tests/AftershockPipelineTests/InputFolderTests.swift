import AftershockIngest
import Foundation
import Testing

@testable import AftershockPipeline

/// `run --data DIR` and `validate DIR` find a folder's inputs by one rule (`InputFolder`, in
/// AftershockIngest, which `Ingest.validate` follows too), and say when it cannot
/// tell which file to read rather than choosing or skipping one.
@Suite struct InputFolderTests {
  /// A fresh folder holding the named files (each with a one-line header).
  static func folder(_ names: [String]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aftershock-folder-\(UUID())").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for name in names { try "id\n".write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
    return folder
  }

  @Test func oneFilePerKindIsFoundInReadingOrder() throws {
    let folder = try Self.folder(["surveys.jsonl", "tickets.tsv", "accounts.csv", "notes.txt"])
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let found = try InputFolder(directory: folder)
    #expect(found.files == [folder + "/accounts.csv", folder + "/tickets.tsv", folder + "/surveys.jsonl"])
    #expect(try InputFolder.expand([folder, "-", "other.csv"]) == found.files + ["-", "other.csv"])
    let inputs = try RunConfiguration.inputs(in: folder)
    #expect([inputs.accounts, inputs.tickets, inputs.surveys] == found.files)
  }

  @Test func twoFilesForOneKindAreAnErrorNamingBoth() throws {
    let folder = try Self.folder(["accounts.csv", "accounts.jsonl", "tickets.csv"])
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let attempts: [() throws -> Void] = [
      { _ = try InputFolder.expand([folder]) }, { _ = try RunConfiguration.inputs(in: folder) },
      { _ = try Ingest.validate([folder]) },
    ]
    for attempt in attempts {
      let error = try #require(throws: IngestError.self) { try attempt() }
      #expect(
        error.description == "\(folder)/accounts.csv and \(folder)/accounts.jsonl are both accounts inputs: "
          + "keep one in the folder, or name the inputs one by one")
    }
  }

  @Test func aDanglingLinkOrAFolderInAnInputsPlaceIsAnErrorNamingIt() throws {
    let folder = try Self.folder(["accounts.csv"])
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createSymbolicLink(
      atPath: folder + "/tickets.csv", withDestinationPath: folder + "/gone.csv")
    var error = try #require(throws: IngestError.self) { try InputFolder.expand([folder]) }
    #expect(
      error.description
        == "\(folder)/tickets.csv cannot be read: it is a symbolic link to nothing (its target does not exist)")
    error = try #require(throws: IngestError.self) { try RunConfiguration.inputs(in: folder) }
    #expect(error.description.hasPrefix("\(folder)/tickets.csv cannot be read"))

    try FileManager.default.removeItem(atPath: folder + "/tickets.csv")
    try FileManager.default.createDirectory(atPath: folder + "/tickets.csv", withIntermediateDirectories: false)
    error = try #require(throws: IngestError.self) { try InputFolder.expand([folder]) }
    #expect(error.description == "\(folder)/tickets.csv cannot be read: it is a folder, not a file")
  }

  @Test func aFolderWithNoInputsSaysWhatItExpected() throws {
    let folder = try Self.folder(["notes.txt"])
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(throws: IngestError.self) { try InputFolder.expand([folder]) }
    let error = try #require(throws: PipelineError.self) { try RunConfiguration.inputs(in: folder) }
    #expect(error.description.hasPrefix("no accounts file in \(folder)"))
  }

  /// A file named as an input but for case is not read, and is named where that input is missing.
  @Test func aFileNamedAsAnInputButForCaseIsNamedWhereItsKindIsMissing() throws {
    let folder = try Self.folder(["Accounts.csv", "tickets.csv", "Surveys.JSONL", "notes.txt"])
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let found = try InputFolder(directory: folder)
    #expect(found.files == [folder + "/tickets.csv"])
    #expect(found.misnamed == [.accounts: ["Accounts.csv"], .surveys: ["Surveys.JSONL"]])
    #expect(found.kindsARunMisses == [.accounts])
    let error = try #require(throws: PipelineError.self) { try RunConfiguration.inputs(in: folder) }
    #expect(
      error.description
        == "no accounts file in \(folder) (expected accounts.csv, .tsv, .jsonl or .ndjson); "
        + "found Accounts.csv; input names are lower case")

    let none = try Self.folder(["Accounts.CSV", "Tickets.csv"])
    defer { try? FileManager.default.removeItem(atPath: none) }
    let nothing = try #require(throws: IngestError.self) { try InputFolder.expand([none]) }
    #expect(nothing.description.hasSuffix("; found Accounts.CSV, Tickets.csv; input names are lower case"))
  }
}
