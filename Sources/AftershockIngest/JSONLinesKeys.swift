/// The distinct keys of a JSON Lines input in the order first seen, up to `limit`: what a message
/// names when a key asked for (`--map field=key`, `score --text-column`) is in no record, as a
/// CSV message names the header's columns. Memory stays bounded whatever the input's size.
public struct JSONLinesKeys: Sendable {
  /// The most keys kept.
  public static let limit = 64
  /// The keys noted, in the order first seen.
  public private(set) var keys: [String] = []
  /// Whether a key was seen after `limit` were kept.
  public private(set) var more = false
  private var bytes: [[UInt8]] = []

  /// No keys.
  public init() {}

  /// Notes a key (its decoded bytes); a key already noted is found by comparing bytes, without allocating.
  public mutating func note(_ key: UnsafeRawBufferPointer) {
    for known in bytes where known.count == key.count && known.elementsEqual(key) { return }
    guard bytes.count < Self.limit else {
      more = true
      return
    }
    bytes.append(Array(key))
    keys.append(String(decoding: key, as: UTF8.self))
  }

  /// Notes every key of the reader's current record.
  public mutating func note(_ reader: JSONLinesReader) {
    for member in 0..<reader.memberCount { reader.withKey(member) { note($0) } }
  }

  /// The keys for a message: `(none)` when there are none, `...` after them when there were more.
  public static func shown(_ keys: [String], more: Bool) -> String {
    guard !keys.isEmpty else { return "(none)" }
    return IngestError.shown(keys) + (more ? ", ... (more than \(limit))" : "")
  }

  /// What a key with a `.` that no record has means: nested members are not read, so
  /// `source.body` is one key, not the `body` inside `source`; with the `jq` line that brings the
  /// member up to a key of that name when its parts are plain names. Empty for a key without `.`.
  public static func nestedHint(key: String, seen: [String], file: String) -> String {
    guard let dot = key.firstIndex(of: "."), dot != key.startIndex else { return "" }
    let parent = String(key[..<dot])
    var text =
      "; a name with '.' is read as one key, not as a path into a nested object, whose members are not read"
      + (seen.contains(parent) ? " ('\(parent)' is a key here)" : "")
    let parts = key.split(separator: ".", omittingEmptySubsequences: false)
    let plain = parts.allSatisfy { part in
      guard let first = part.first, !first.isNumber else { return false }
      return part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
    if plain {
      let source = file == "-" ? "" : " " + ShellWord.quoted(file)
      text +=
        ": make it a key of its own first, e.g. jq -c '. + {\"\(key)\": .\(key)}'\(source) > "
        + ShellWord.quoted(flatName(for: file))
    }
    return text
  }

  /// The name of the flattened copy of `file`: its name with `.flat.jsonl` for its extension.
  static func flatName(for file: String) -> String {
    guard file != "-" else { return "flat.jsonl" }
    let base = file.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? file
    var stem = file
    if let dot = base.lastIndex(of: "."), dot != base.startIndex {
      stem = String(file.dropLast(base.distance(from: dot, to: base.endIndex)))
    }
    return stem + ".flat.jsonl"
  }
}
