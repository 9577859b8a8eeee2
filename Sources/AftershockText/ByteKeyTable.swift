/// An open-addressing hash table from byte strings to dense integer ids.
///
/// Keys live once in a contiguous arena; a look-up hashes nothing itself (the caller passes
/// the `TokenHash` it computed while scanning) and compares bytes only when the 64-bit hashes
/// are equal, so a miss costs a probe or two and no allocation.
struct ByteKeyTable: Sendable {
  /// Eight bytes per slot (the hash's high half as a tag, the id) keep the table in cache.
  private struct Slot: Sendable {
    var tag: UInt32
    var id: Int32
  }

  private var slots: [Slot]
  private var mask: Int
  private var keyArena: [UInt8] = []
  private var keyStart: [Int32] = []
  private var keyEnd: [Int32] = []

  /// The number of distinct keys.
  var count: Int { keyStart.count }

  init(minimumCapacity: Int = 64) {
    var size = 16
    while size < minimumCapacity * 2 { size <<= 1 }
    slots = Array(repeating: Slot(tag: 0, id: -1), count: size)
    mask = size - 1
  }

  /// FNV-1a offset basis (for fingerprints; keys use `TokenHash`).
  static let hashSeed: UInt64 = 0xcbf2_9ce4_8422_2325
  /// FNV-1a prime.
  static let hashPrime: UInt64 = 0x0000_0100_0000_01b3

  /// The key hash (`TokenHash`) of a byte range.
  @inline(__always)
  static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    guard let base = bytes.baseAddress else { return TokenHash.finish(TokenHash.seed, length: 0) }
    return TokenHash.hash(base, count: bytes.count)
  }

  static func hash(_ bytes: [UInt8]) -> UInt64 {
    bytes.withUnsafeBytes { hash($0) }
  }

  /// Mixes a finished hash so the low bits index well.
  @inline(__always)
  static func slotIndex(_ hash: UInt64) -> Int {
    Int(truncatingIfNeeded: ((hash ^ (hash >> 29)) &* 0xbf58_476d_1ce4_e5b9) >> 17)
  }

  /// The id of `key`, or -1.
  @inline(__always)
  func find(hash: UInt64, key: UnsafeRawBufferPointer) -> Int32 {
    slots.withUnsafeBufferPointer { s in
      var i = ByteKeyTable.slotIndex(hash) & mask
      while true {
        let slot = s[i]
        if slot.id < 0 { return -1 }
        if slot.tag == UInt32(truncatingIfNeeded: hash >> 32) && keyEquals(Int(slot.id), key) { return slot.id }
        i = (i + 1) & mask
      }
    }
  }

  func find(_ key: [UInt8]) -> Int32 {
    key.withUnsafeBytes { find(hash: ByteKeyTable.hash($0), key: $0) }
  }

  @inline(__always)
  private func keyEquals(_ id: Int, _ key: UnsafeRawBufferPointer) -> Bool {
    let start = Int(keyStart[id])
    let length = Int(keyEnd[id]) - start
    if length != key.count { return false }
    if length == 0 { return true }
    return keyArena.withUnsafeBytes { arena in
      memcmpBytes(arena.baseAddress! + start, key.baseAddress!, length)
    }
  }

  /// Returns the id of `key`, inserting it with the next dense id when absent.
  @discardableResult
  mutating func insert(_ key: [UInt8]) -> (id: Int32, inserted: Bool) {
    let existing = find(key)
    if existing >= 0 { return (existing, false) }
    if (count + 1) * 2 > slots.count { grow() }
    let id = Int32(count)
    keyStart.append(Int32(keyArena.count))
    keyArena.append(contentsOf: key)
    keyEnd.append(Int32(keyArena.count))
    place(hash: ByteKeyTable.hash(key), id: id)
    return (id, true)
  }

  /// The key bytes of `id`.
  func key(_ id: Int32) -> ArraySlice<UInt8> {
    keyArena[Int(keyStart[Int(id)])..<Int(keyEnd[Int(id)])]
  }

  /// A read-only raw-memory copy for hot loops (same ids, same hashes).
  func frozen() -> FrozenByteKeyTable {
    let packedKeys = (0..<count).map { UInt64(UInt32(keyEnd[$0] - keyStart[$0])) << 32 | UInt64(UInt32(keyStart[$0])) }
    return FrozenByteKeyTable(keys: packedKeys, arena: keyArena)
  }

  private mutating func place(hash: UInt64, id: Int32) {
    var i = ByteKeyTable.slotIndex(hash) & mask
    while slots[i].id >= 0 { i = (i + 1) & mask }
    slots[i] = Slot(tag: UInt32(truncatingIfNeeded: hash >> 32), id: id)
  }

  private mutating func grow() {
    let size = slots.count * 2
    slots = Array(repeating: Slot(tag: 0, id: -1), count: size)
    mask = size - 1
    for id in 0..<count {
      let h = keyArena[Int(keyStart[id])..<Int(keyEnd[id])].withUnsafeBytes { ByteKeyTable.hash($0) }
      place(hash: h, id: Int32(id))
    }
  }
}

@inline(__always)
func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
  var i = 0
  while i + 8 <= count {
    if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
      return false
    }
    i += 8
  }
  while i < count {
    if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
    i += 1
  }
  return true
}

/// The hash of a token's folded bytes: one multiply per eight bytes (little-endian chunks,
/// the last one zero-padded) and one for the length, so the tokenizer computes it from the
/// 64-bit words it folds, with no per-byte dependency chain. Lexicon tables, the tokenizer
/// and the trained model's hashed features all use it.
enum TokenHash {
  static let seed: UInt64 = 0x243f_6a88_85a3_08d3
  static let multiplier: UInt64 = 0xbf58_476d_1ce4_e5b9

  /// Mixes in one eight-byte chunk.
  @inline(__always)
  static func add(_ h: UInt64, _ chunk: UInt64) -> UInt64 {
    let x = (h ^ chunk) &* multiplier
    return x ^ (x >> 32)
  }

  /// Mixes in the length (after the chunks).
  @inline(__always)
  static func finish(_ h: UInt64, length: Int) -> UInt64 {
    add(h, UInt64(truncatingIfNeeded: length) &* 0x9e37_79b9_7f4a_7c15)
  }

  /// The hash of `count` bytes at `base` (never reads outside them).
  @inline(__always)
  static func hash(_ base: UnsafeRawPointer, count: Int) -> UInt64 {
    var h = seed
    var i = 0
    while i &+ 8 <= count {
      h = add(h, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
      i &+= 8
    }
    if i < count {
      var last: UInt64 = 0
      var k = count &- 1
      while k >= i {
        last = last << 8 | UInt64(base.load(fromByteOffset: k, as: UInt8.self))
        k &-= 1
      }
      h = add(h, last)
    }
    return finish(h, length: count)
  }

  /// The hash of a one-byte key.
  static func hash(byte: UInt8) -> UInt64 {
    finish(add(seed, UInt64(byte)), length: 1)
  }
}
