import AftershockModel
import Foundation
import Testing

@testable import AftershockPipeline

/// What `merge` does with partials that are damaged, or an output folder or model file that would
/// spoil the merge: refused before anything is written, with the file and the field named.
@Suite(.serialized) struct PartialRunTests {
  /// Two shards of a small generated sample (tickets split in halves, the surveys in the second).
  static func shards(_ folder: String) throws -> [String] {
    let input = folder + "/input/"
    let halves = try NightlyRunMergeTests.split(input + "tickets.csv", into: 2, interleaved: false, as: "tickets-half")
    return try NightlyRunMergeTests.runShards(
      folder, tickets: halves, surveys: [nil, input + "surveys.csv"], name: "shard")
  }

  /// A copy of `shard` whose `partial.json` has the `occurrence`-th match of `pattern` replaced:
  /// still valid JSON, but a state no shard writes.
  static func damaged(_ shard: String, as name: String, _ pattern: String, with template: String, occurrence: Int = 0)
    throws -> String
  {
    let copy = (shard as NSString).deletingLastPathComponent + "/" + name
    try FileManager.default.copyItem(atPath: shard, toPath: copy)
    let file = copy + "/" + PartialRun.fileName
    let text = try String(contentsOfFile: file, encoding: .utf8)
    let expression = try NSRegularExpression(pattern: pattern)
    let matches = expression.matches(in: text, range: NSRange(text.startIndex..., in: text))
    let match = try #require(matches.count > occurrence ? matches[occurrence] : nil, "\(pattern) in \(file)")
    let replacement = expression.replacementString(for: match, in: text, offset: 0, template: template)
    let edited = (text as NSString).replacingCharacters(in: match.range, with: replacement)
    try edited.write(toFile: file, atomically: true, encoding: .utf8)
    return copy
  }

  @Test func aDamagedPartialIsRefusedNamingItsFieldAndLeavesNothing() throws {
    let folder = try NightlyRunMergeTests.workspace(accounts: 60, seed: 5)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let shards = try Self.shards(folder)
    let huge = "9223372036854775807"
    let cases: [(pattern: String, template: String, occurrence: Int, words: String)] = [
      (#""csat":\{"counts":\[[0-9,]*\]"#, #""csat":{"counts":[1]"#, 0, ".value.csat.counts: 1 counts, expected 5"),
      (
        #""textSentiment":\{"count":[0-9]+"#, #""textSentiment":{"count":\#(huge)"#, 0,
        "textSentiment.count: \(huge) is not a count"
      ),
      (
        #""textSentiment":\{"count":[0-9]+"#, #""textSentiment":{"count":-4"#, 0,
        "textSentiment.count: -4 is not a count"
      ),
      (#""m2":[0-9.e-]+"#, #""m2":-1"#, 0, "m2: -1.0 is negative"),
      (#""negativeTexts":[0-9]+"#, #""negativeTexts":\#(huge)"#, 0, "negativeTexts: \(huge) is not a count"),
      (#""read":[0-9]+"#, #""read":\#(huge)"#, 1, "inputs[1].read: \(huge) is not a count"),
      (#""read":[0-9]+"#, #""read":1"#, 1, "inputs[1]: read 1 is not accepted"),
      (#""ticketsPerAccount":\[[0-9]+"#, #""ticketsPerAccount":[-7"#, 0, "ticketsPerAccount[0]: -7 is negative"),
      (#""promoters":[0-9]+"#, #""promoters":-1"#, 0, "promoters: -1 is not a count"),
      (#""ticketCount":\[[0-9]+"#, #""ticketCount":[-1"#, 0, "features.ticketCount: -1 for account 0 is negative"),
      (
        #""sentimentSum":\[[^,\]]+"#, #""sentimentSum":["NaN""#, 0,
        "features.sentimentSum: nan for account 0 is not a finite"
      ),
    ]
    let out = folder + "/merged"
    for (index, damage) in cases.enumerated() {
      let copy = try Self.damaged(
        shards[1], as: "damaged-\(index)", damage.pattern, with: damage.template, occurrence: damage.occurrence)
      do {
        _ = try NightlyRunMergeTests.merge([shards[0], copy], into: out)
        Issue.record("merged a partial with \(damage.words)")
      } catch let error as PipelineError {
        #expect("\(error)".hasPrefix("cannot merge \(copy): its partial.json is damaged: "), "\(error)")
        #expect("\(error)".contains(damage.words), "\(error)")
      }
      #expect(!FileManager.default.fileExists(atPath: out), "a refused merge writes nothing (\(damage.words))")
    }
  }

  @Test func countsThatOverflowWhenShardsAreAddedAreRefused() throws {
    let folder = try NightlyRunMergeTests.workspace(accounts: 60, seed: 5)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let shards = try Self.shards(folder)
    let out = folder + "/merged"
    for key in ["ticketCount", "ticketsPerAccount"] {
      let first = try Self.damaged(
        shards[0], as: "big-\(key)-1", #""\#(key)":\[[0-9]+"#, with: #""\#(key)":[2147483647"#)
      let second = try Self.damaged(
        shards[1], as: "big-\(key)-2", #""\#(key)":\[[0-9]+"#, with: #""\#(key)":[2147483647"#)
      #expect {
        _ = try NightlyRunMergeTests.merge([first, second], into: out)
      } throws: { error in
        "\(error)".contains("its counts do not add up with the other partials'") && "\(error)".contains("2147483647")
      }
      #expect(!FileManager.default.fileExists(atPath: out + "/.staging-\(ProcessInfo.processInfo.processIdentifier)"))
      #expect(!FileManager.default.fileExists(atPath: out + "/report.md"))
    }
  }

  @Test func anOutputFolderThatIsInsideOrHoldsAPartialIsRefused() throws {
    let folder = try NightlyRunMergeTests.workspace(accounts: 60, seed: 5)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let shards = try Self.shards(folder)
    let before = try NightlyRunMergeTests.bytes(shards[0] + "/scored_tickets.csv")
    try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: shards[0])
    for out in [
      shards[0], shards[0] + "/sub/out", folder, folder + "/link",
      shards[0] + "/../" + (shards[0] as NSString).lastPathComponent,
    ] {
      let configuration = MergeConfiguration(
        partialPaths: [shards[1], shards[0] + "/partial.json"], outputDirectory: out,
        dataDirectory: DataDirectory(path: NightlyRunTests.repositoryRoot + "/Data"))
      #expect(configuration.partialOverlappingOutput() != nil, "\(out)")
      #expect(throws: PipelineError.self, "\(out)") { try NightlyRun.merge(configuration) }
    }
    #expect(try NightlyRunMergeTests.bytes(shards[0] + "/scored_tickets.csv") == before, "the shard is untouched")
    #expect(!FileManager.default.fileExists(atPath: shards[0] + "/sub"))
    let beside = MergeConfiguration(
      partialPaths: shards, outputDirectory: shards[0] + "-merged",
      dataDirectory: DataDirectory(path: NightlyRunTests.repositoryRoot + "/Data"))
    #expect(beside.partialOverlappingOutput() == nil, "a sibling whose name starts like the shard's is fine")
  }

  @Test func aModelFileThatIsNotOneIsRefusedInWordsBeforeAnyWork() throws {
    let folder = try NightlyRunMergeTests.workspace(accounts: 60, seed: 5)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let shards = try Self.shards(folder)
    try FileManager.default.createDirectory(atPath: folder + "/model-folder", withIntermediateDirectories: true)
    try Data().write(to: URL(fileURLWithPath: folder + "/empty.json"))
    try Data("{\"format\": 3".utf8).write(to: URL(fileURLWithPath: folder + "/broken.json"))
    let cases = [
      (folder + "/model-folder", "it is a folder, not a churn model file"),
      ("/dev/null", "the file is empty"),
      (folder + "/empty.json", "the file is empty"),
      (folder + "/missing.json", "no such file"),
      (folder + "/broken.json", "not JSON"),
    ]
    let out = folder + "/merged"
    for (path, words) in cases {
      let configuration = MergeConfiguration(
        partialPaths: shards, outputDirectory: out,
        dataDirectory: DataDirectory(path: NightlyRunTests.repositoryRoot + "/Data"), churnModelPath: path)
      do {
        _ = try NightlyRun.merge(configuration)
        Issue.record("merged with the model file \(path)")
      } catch {
        #expect("\(error)".contains("cannot read model file \(path): \(words)"), "\(error)")
        #expect(!"\(error)".lowercased().contains("nscocoaerrordomain"), "\(error)")
      }
      #expect(!FileManager.default.fileExists(atPath: out), "nothing is written for \(path)")
    }
  }

  /// The bundled sample's accounts read at two days differ (churns dated between them are not
  /// known at the earlier one): the refusal must name the day, not blame the accounts table.
  @Test func partialsOfAnotherDayAreRefusedForTheDayEvenWhenTheAccountsReadDiffer() throws {
    let folder = try NightlyRunMergeTests.workspace(accounts: 10, seed: 5)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let accounts = NightlyRunTests.repositoryRoot + "/Data/sample/accounts.csv"
    let header = try #require(
      try String(contentsOfFile: folder + "/input/tickets.csv", encoding: .utf8).split(separator: "\n").first)
    try (header + "\n").write(toFile: folder + "/no-tickets.csv", atomically: true, encoding: .utf8)
    let late = try NightlyRunMergeTests.runShards(
      folder, tickets: [folder + "/no-tickets.csv"], surveys: [nil], name: "late", asOf: "2024-11-13",
      accounts: accounts)
    let early = try NightlyRunMergeTests.runShards(
      folder, tickets: [folder + "/no-tickets.csv"], surveys: [nil], name: "early", asOf: "2024-11-01",
      accounts: accounts)
    #expect(try PartialRun.load(late[0]).partial.accounts != PartialRun.load(early[0]).partial.accounts, "the fixture")
    let out = folder + "/merged"
    #expect {
      _ = try NightlyRunMergeTests.merge([late[0], early[0]], into: out)
    } throws: { error in
      "\(error)"
        == "cannot merge \(early[0]): scored as of 2024-11-01, not 2024-11-13; give every shard the same --as-of "
        + "(\(late[0]) has the other)"
    }
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  /// The audit's D14: an account id changed in place in a shard's scored tickets (same size) was
  /// merged into a scored ticket for an account that exists nowhere.
  @Test func aSameSizeEditOfAShardFileIsRefusedNamingTheFile() throws {
    let folder = try NightlyRunMergeTests.workspace(accounts: 60, seed: 5)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let shards = try Self.shards(folder)
    let out = folder + "/merged"
    for name in PartialRun.recordFiles {
      let copy = folder + "/edited-" + name
      try FileManager.default.copyItem(atPath: shards[1], toPath: copy)
      let file = copy + "/" + name
      var bytes = try NightlyRunMergeTests.bytes(file)
      // The last byte before the final line end: the same size, other content.
      let index = try #require(bytes.indices.dropLast().last)
      bytes[index] = bytes[index] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
      try Data(bytes).write(to: URL(fileURLWithPath: file))
      do {
        _ = try NightlyRunMergeTests.merge([shards[0], copy], into: out)
        Issue.record("merged a shard whose \(name) was edited")
      } catch {
        let text = "\(error)"
        #expect(text.hasPrefix("cannot merge \(copy): \(name) changed since the shard wrote it (sha256 "), "\(text)")
        #expect(text.contains("restore them or run the shard again"), "\(text)")
      }
      #expect(!FileManager.default.fileExists(atPath: out), "a refused merge writes nothing (\(name))")
    }
  }

  /// A partial written before the shard's files were checksummed cannot prove they are unchanged:
  /// it is refused with the reason, not merged on sizes alone.
  @Test func aPartialOfTheFormatWithoutChecksumsIsRefusedSayingWhy() throws {
    let folder = try NightlyRunMergeTests.workspace(accounts: 60, seed: 5)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let shards = try Self.shards(folder)
    let old = try Self.damaged(shards[1], as: "version-1", #""formatVersion":2"#, with: #""formatVersion":1"#)
    let out = folder + "/merged"
    #expect {
      _ = try NightlyRunMergeTests.merge([shards[0], old], into: out)
    } throws: { error in
      "\(error)".hasPrefix(
        "cannot merge \(old)/partial.json: written by an earlier aftershock that recorded only the sizes")
        && "\(error)".hasSuffix("rerun the shard with this version")
    }
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
