import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The known accounts: each id interned once, looked up by its bytes (hash, then compare) with no String built.
///
/// Filled while streaming accounts; tickets and surveys then get the interned `String` of their
/// account (no new allocation) and are quarantined as `unknown_account` when it is missing.
/// Lookups do not mutate, so a filled directory may be read from several threads; inserting is not thread-safe.
public final class AccountDirectory: @unchecked Sendable {
  @exclusivity(unchecked) private var ids: [String] = []
  @exclusivity(unchecked) private var bytes: [UInt8] = []
  @exclusivity(unchecked) private var offsets: [Int] = [0]
  @exclusivity(unchecked) private var hashes: [UInt64] = []
  @exclusivity(unchecked) private var table: [Int32]
  @exclusivity(unchecked) private var mask: Int

  /// Creates an empty directory.
  public init() {
    table = Array(repeating: -1, count: 1024)
    mask = 1023
  }

  /// Creates a directory holding the given ids (duplicates kept once).
  public convenience init(ids: some Sequence<String>) {
    self.init()
    for id in ids { insert(id) }
  }

  /// Accounts whose record was quarantined, by id: the line of the first such record.
  @exclusivity(unchecked) private var quarantinedLines: [String: Int] = [:]

  /// Records that the account `id`'s record at `line` was quarantined (the first line is kept), so
  /// that its tickets and surveys can say so rather than call the account unknown.
  public func noteQuarantined(_ id: String, line: Int) {
    if quarantinedLines[id] == nil { quarantinedLines[id] = line }
  }

  /// The line of the account's quarantined record, when it was quarantined and never accepted.
  public func quarantinedLine(of id: String) -> Int? { quarantinedLines[id] }

  /// Account names, lowercased, → the index of the first account of that name and how many have it:
  /// one entry per distinct name, so memory stays bounded by the accounts.
  @exclusivity(unchecked) private var names: [String: (index: Int32, count: Int32)] = [:]

  /// Records the name of the known account at `index` (nil or empty: nothing), so that a ticket or
  /// survey giving that name where an id belongs can be told so (`unknownAccountHint`).
  public func noteName(_ name: String?, ofAccountAt index: Int) {
    guard let name, !name.isEmpty, index < ids.count else { return }
    let key = name.lowercased()
    if let entry = names[key] {
      names[key] = (entry.index, entry.count &+ 1)
    } else {
      names[key] = (Int32(index), 1)
    }
  }

  /// For an account value that is no known id: when it is the name of a known account (any case),
  /// a clause saying so and how to read the id instead ("; it matches the name of account ACC-1001:
  /// ..."); else an empty string. `kind` is the input's kind, for the `--map` it suggests.
  public func unknownAccountHint(for value: String, kind: RecordKind) -> String {
    // An export that added a no-break or zero-width space: the id is known without it.
    let visible = InvisibleCharacters.removed(from: value)
    if visible != value, !visible.isEmpty, contains(visible) {
      return "; without its invisible characters it is account \(visible), which is known: "
        + "remove them from the \(kind.rawValue) (an export or a copy from a web page added them)"
    }
    guard !names.isEmpty, let entry = names[value.lowercased()] else { return nearIDHint(for: value) }
    let id = ids[Int(entry.index)]
    let which =
      entry.count > 1
      ? "the name of \(entry.count) accounts (\(id) and \(entry.count - 1) more)" : "the name of account \(id)"
    return "; it matches \(which): the \(kind.rawValue) give account names where ids belong, "
      + "so map the account id column, e.g. --map \(kind.rawValue).account_id=COLUMN"
  }

  /// Loose form of each known id → the index of the first id of that form and how many have it.
  /// Built on the first unknown id only (most runs have none), under a lock since lookups may run
  /// on several threads, and again when ids were added since; one entry per distinct form, so
  /// bounded by the accounts.
  private let looseIDs = Mutex<(ids: Int, table: [String: (index: Int32, count: Int32)])>((-1, [:]))

  /// An id as a person would read it: letters in lower case, without spaces, "-", "_", "." or "/",
  /// and each run of digits without its leading zeros ("ACC-000123", "acc 123" and "Acc_0123" are
  /// one form; a spreadsheet that read "000123" as a number wrote "123").
  static func looseForm(of id: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(id.utf8.count)
    var inDigits = false
    var zeros = 0
    for b in id.utf8 {
      if b == 0x20 || b == 0x2D || b == 0x5F || b == 0x2E || b == 0x2F { continue }
      if b >= 0x30 && b <= 0x39 {
        if !inDigits {
          inDigits = true
          zeros = 0
        }
        // A leading zero waits: it is kept only if the run turns out to be all zeros.
        if b == 0x30 && zeros >= 0 {
          zeros += 1
          continue
        }
        zeros = -1
        out.append(b)
        continue
      }
      if inDigits && zeros > 0 { out.append(0x30) }
      inDigits = false
      out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
    }
    if inDigits && zeros > 0 { out.append(0x30) }
    return String(decoding: out, as: UTF8.self)
  }

  /// For an id that is no known one: when it differs from a known id only in case, separators
  /// or leading zeros, a clause naming that id ("; did you mean ACC-000123? ..."); else "".
  private func nearIDHint(for value: String) -> String {
    let key = Self.looseForm(of: value)
    guard !key.isEmpty else { return "" }
    let entry: (index: Int32, count: Int32)? = looseIDs.withLock { loose in
      if loose.ids != ids.count {
        var built: [String: (index: Int32, count: Int32)] = [:]
        built.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() {
          let form = Self.looseForm(of: id)
          if let e = built[form] { built[form] = (e.index, e.count &+ 1) } else { built[form] = (Int32(i), 1) }
        }
        loose = (ids.count, built)
      }
      return loose.table[key]
    }
    guard let entry else { return "" }
    let id = ids[Int(entry.index)]
    let n = Int(entry.count) - 1
    let others = n > 0 ? " (or \(n) other known id\(n == 1 ? "" : "s") of that form)" : ""
    return "; did you mean \(id)\(others)? It differs only in case, spaces, separators or leading zeros, "
      + "and ids must match exactly"
  }

  /// How many distinct accounts are known.
  public var count: Int { ids.count }

  /// Every known id in insertion order.
  public var allIDs: [String] { ids }

  /// Whether the account id is known.
  public func contains(_ id: String) -> Bool { index(of: id) != nil }

  /// The dense index (0..<count, insertion order) of an account id.
  public func index(of id: String) -> Int? {
    var copy = id
    return copy.withUTF8 { index(of: UnsafeRawBufferPointer($0)) }
  }

  /// The interned id at a dense index.
  public func id(at index: Int) -> String { ids[index] }

  /// Adds an id; returns its index and whether it was new.
  @discardableResult
  public func insert(_ id: String) -> (index: Int, inserted: Bool) {
    var copy = id
    return copy.withUTF8 { insert(UnsafeRawBufferPointer($0)) }
  }

  /// The index of an id given as bytes.
  func index(of key: UnsafeRawBufferPointer) -> Int? {
    let h = ByteScan.hash(key.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, key.count)
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let entry = table[slot]
      if entry < 0 { return nil }
      let e = Int(entry)
      if hashes[e] == h, matches(e, key) { return e }
      slot = (slot &+ 1) & mask
    }
  }

  /// Adds an id given as bytes (the String is made only when it is new).
  func insert(_ key: UnsafeRawBufferPointer) -> (index: Int, inserted: Bool) {
    if (ids.count + 1) * 2 > table.count { grow() }
    let h = ByteScan.hash(key.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, key.count)
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let entry = table[slot]
      if entry < 0 { break }
      let e = Int(entry)
      if hashes[e] == h, matches(e, key) { return (e, false) }
      slot = (slot &+ 1) & mask
    }
    let index = ids.count
    table[slot] = Int32(index)
    hashes.append(h)
    bytes.append(contentsOf: key)
    offsets.append(bytes.count)
    ids.append(String(decoding: key, as: UTF8.self))
    return (index, true)
  }

  private func matches(_ index: Int, _ key: UnsafeRawBufferPointer) -> Bool {
    let start = offsets[index]
    let length = offsets[index + 1] - start
    guard length == key.count else { return false }
    if length == 0 { return true }
    return bytes.withUnsafeBytes { all in memcmp(all.baseAddress! + start, key.baseAddress!, length) == 0 }
  }

  private func grow() {
    table = Array(repeating: -1, count: table.count * 2)
    mask = table.count - 1
    for (index, h) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: h) & mask
      while table[slot] >= 0 { slot = (slot &+ 1) & mask }
      table[slot] = Int32(index)
    }
  }
}
