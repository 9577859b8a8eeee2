import Foundation
import Testing

@testable import AftershockCLI

@Suite struct ErrorTextTests {
  struct Options: Codable { var hashBits: Int }
  struct File: Codable {
    var algorithm: String
    var options: Options
    var weights: [[Double]]
  }

  /// The error `JSONDecoder` throws for `json`, as a library quotes it in its own message.
  static func quoted(_ json: String) -> String {
    do {
      _ = try JSONDecoder().decode(File.self, from: Data(json.utf8))
      return "decoded"
    } catch {
      return "model.json is not a usable model: not a model JSON file (\(error))"
    }
  }

  @Test(arguments: [
    (#"{"options": {"hashBits": 4}, "weights": []}"#, "missing field 'algorithm'"),
    (#"{"algorithm": "nb", "options": {}, "weights": []}"#, "missing field 'options.hashBits'"),
    (
      #"{"algorithm": "nb", "options": {"hashBits": "x"}, "weights": []}"#,
      "field 'options.hashBits' should be a number but is a string"
    ),
    (
      #"{"algorithm": null, "options": {"hashBits": 4}, "weights": []}"#, "field 'algorithm' is null, expected a string"
    ),
    (
      #"{"algorithm": "nb", "options": {"hashBits": 4}, "weights": [[1], [true]]}"#,
      "field 'weights[1][0]' should be a number but is bool"
    ),
    (#"[1]"#, "the file should hold an object but is an array"),
    (#"{"algorithm": "#, "not valid JSON"),
  ])
  func decodingErrorsInAMessageBecomeSentences(json: String, expected: String) {
    let message = ErrorText.rewritingDecodingErrors(in: Self.quoted(json))
    #expect(message == "model.json is not a usable model: not a model JSON file (\(expected))", "\(Self.quoted(json))")
  }

  @Test func aMessageWithoutADecodingErrorIsUnchanged() {
    let message = "tickets.csv has no column 'body' (columns seen: id, text)"
    #expect(ErrorText.rewritingDecodingErrors(in: message) == message)
  }
}
