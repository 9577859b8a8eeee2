/// The edges of the phrase-prefix trie in one open-addressing table keyed by a 64-bit word:
/// (first entry, second entry) for the two-word prefixes, (prefix id, next entry) for the
/// longer ones (the top bit tells them apart). A step of a phrase match is one multiply and,
/// usually, one probe. A value over raw memory (no reference counting in the match loop),
/// freed by its owner (`deallocate`).
struct PhraseTrie: @unchecked Sendable {
  private let keys: UnsafeMutablePointer<UInt64>
  private let prefixes: UnsafeMutablePointer<Int32>
  private let mask: Int

  /// The key of the two-word prefix `first second`.
  @inline(__always)
  static func firstKey(_ first: Int32, _ second: Int32) -> UInt64 {
    1 << 63 | UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
  }

  /// The key of prefix `prefix` followed by entry `entry`.
  @inline(__always)
  static func nextKey(_ prefix: Int32, _ entry: Int32) -> UInt64 {
    UInt64(UInt32(bitPattern: prefix)) << 32 | UInt64(UInt32(bitPattern: entry))
  }

  init(edges: [(key: UInt64, prefix: Int32)]) {
    var size = 16
    while size < edges.count * 2 { size <<= 1 }
    mask = size - 1
    keys = .allocate(capacity: size)
    keys.initialize(repeating: 0, count: size)
    prefixes = .allocate(capacity: size)
    prefixes.initialize(repeating: -1, count: size)
    for edge in edges {
      var i = PhraseTrie.slot(edge.key, mask)
      while prefixes[i] >= 0 { i = (i + 1) & mask }
      keys[i] = edge.key
      prefixes[i] = edge.prefix
    }
  }

  func deallocate() {
    keys.deallocate()
    prefixes.deallocate()
  }

  @inline(__always)
  private static func slot(_ key: UInt64, _ mask: Int) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9e37_79b9_7f4a_7c15) >> 40) & mask
  }

  /// The prefix id an edge leads to, or -1.
  @inline(__always)
  func find(_ key: UInt64) -> Int32 {
    var i = PhraseTrie.slot(key, mask)
    while true {
      let prefix = prefixes[i]
      if prefix < 0 || keys[i] == key { return prefix }
      i = (i + 1) & mask
    }
  }
}
