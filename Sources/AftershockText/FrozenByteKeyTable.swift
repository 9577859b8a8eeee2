/// A read-only copy of a `ByteKeyTable` in raw memory, for the hot loops.
///
/// Each 16-byte slot holds the key's first eight bytes, a hash tag with the key's length and
/// the id, so a look-up of a key of up to eight bytes touches one cache line: no separate
/// key array or arena to fetch. Longer keys compare the rest in the arena. Never reads
/// outside the caller's key, so any buffer is safe.
///
/// Keys of one to eight letters a-z (most of a lexicon, and every short word of the
/// tokenizer's fast path) are also in a second index, keyed by the zero-padded 64-bit word
/// alone (no letter is zero, so it implies the length), in buckets of four slots, one cache
/// line each, with a flag on the rare buckets some of whose keys overflowed into the next.
/// The tokenizer finds its words there from the 64-bit word it folded, with one multiply on
/// the way and no branch on what it finds.
final class FrozenByteKeyTable: @unchecked Sendable {
  /// A slot of the short-word index: one 16-byte vector, so that a look-up's compare and
  /// the id it selects come from one load (see `find(letters:)`).
  fileprivate struct LetterSlot {
    /// The key's bytes, zero-padded (`head(of:)`; 0 for an empty slot); then the id in the
    /// low 32 bits and, in a bucket's first slot, bit 32 set when some key whose home is the
    /// bucket lies past it.
    var bits: SIMD2<UInt64>
    var head: UInt64 { bits[0] }
    var id: Int32 { Int32(truncatingIfNeeded: bits[1]) }
    var probeOn: Bool { bits[1] >> 32 != 0 }
  }

  fileprivate struct Slot {
    /// The key's first eight bytes, zero-padded (see `head(of:)`).
    var head: UInt64
    /// The hash's top 24 bits above the key length (capped at 255).
    var meta: UInt32
    /// The id, or -1 for an empty slot.
    var id: Int32
  }

  /// The table's memory as a plain value: a loop that holds it looks keys up with no
  /// reference counting (a copy of the class reference costs a retain and a release). Valid
  /// while the table lives.
  let lookup: Lookup

  /// Builds the table from keys (id = position in `keys`) stored in `arena`.
  init(keys: [UInt64], arena: [UInt8]) {
    var size = 16
    while size * 3 < keys.count * 5 { size <<= 1 }  // load factor at most 0.6
    let slots = UnsafeMutablePointer<Slot>.allocate(capacity: size)
    slots.initialize(repeating: Slot(head: 0, meta: 0, id: -1), count: size)
    let packedKeys = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, keys.count))
    packedKeys.initialize(from: keys, count: keys.count)
    let bytes = UnsafeMutableRawPointer.allocate(byteCount: max(1, arena.count), alignment: 8)
    arena.withUnsafeBytes { if let base = $0.baseAddress { bytes.copyMemory(from: base, byteCount: $0.count) } }
    var letterKeys: [(head: UInt64, id: Int32)] = []
    for id in 0..<keys.count {
      let info = keys[id]
      let key = UnsafeRawBufferPointer(
        start: bytes + Int(truncatingIfNeeded: info & 0xffff_ffff), count: Int(truncatingIfNeeded: info >> 32))
      if (1...8).contains(key.count) && key.allSatisfy({ $0 &- UInt8(ascii: "a") < 26 }) {
        letterKeys.append((FrozenByteKeyTable.head(of: key), Int32(id)))
      }
    }
    // At most one key per four slots: about one bucket in 400 overflows.
    var letterSize = 16
    while letterSize < letterKeys.count * 4 { letterSize <<= 1 }
    let letterSlots = UnsafeMutableRawPointer.allocate(
      byteCount: letterSize * MemoryLayout<LetterSlot>.stride, alignment: 4 * MemoryLayout<LetterSlot>.stride
    ).bindMemory(to: LetterSlot.self, capacity: letterSize)
    letterSlots.initialize(repeating: LetterSlot(bits: .zero), count: letterSize)
    lookup = Lookup(
      slots: slots, mask: size - 1, keys: packedKeys, arena: bytes, letterSlots: letterSlots,
      letterMask: letterSize - 1)
    for id in 0..<keys.count {
      let key = lookup.key(Int32(id))
      let hash = ByteKeyTable.hash(key)
      var i = ByteKeyTable.slotIndex(hash) & lookup.mask
      while slots[i].id >= 0 { i = (i + 1) & lookup.mask }
      slots[i] = Slot(head: FrozenByteKeyTable.head(of: key), meta: FrozenByteKeyTable.meta(hash, key.count), id: Int32(id))
    }
    for (head, id) in letterKeys {
      let bucket = FrozenByteKeyTable.letterIndex(head) & lookup.letterMask & ~3
      var i = bucket
      while letterSlots[i].head != 0 { i = (i + 1) & lookup.letterMask }
      letterSlots[i].bits = SIMD2(head, UInt64(UInt32(bitPattern: id)))
      // Past its bucket: a look-up of the bucket must probe on.
      if (i &- bucket) & lookup.letterMask >= 4 { letterSlots[bucket].bits[1] |= 1 << 32 }
    }
  }

  deinit {
    lookup.slots.deallocate()
    lookup.keys.deallocate()
    lookup.arena.deallocate()
    UnsafeMutableRawPointer(lookup.letterSlots).deallocate()
  }

  /// The id of `key` (whose `TokenHash` is `hash`), or -1.
  @inline(__always)
  func find(hash: UInt64, key: UnsafeRawBufferPointer) -> Int32 {
    lookup.find(hash: hash, key: key)
  }

  @inline(__always)
  fileprivate static func meta(_ hash: UInt64, _ length: Int) -> UInt32 {
    UInt32(truncatingIfNeeded: hash >> 40) << 8 | UInt32(truncatingIfNeeded: min(length, 255))
  }

  /// The home slot of a letter key (before the mask): the high half of a multiply.
  @inline(__always)
  fileprivate static func letterIndex(_ head: UInt64) -> Int {
    Int(truncatingIfNeeded: (head &* 0x9e37_79b9_7f4a_7c15) >> 32)
  }

  /// The first `min(8, count)` bytes of `key` as a little-endian word, zero-padded, read with
  /// overlapping loads that stay inside the key.
  @inline(__always)
  static func head(of key: UnsafeRawBufferPointer) -> UInt64 {
    let n = key.count
    guard let b = key.baseAddress else { return 0 }
    if n >= 8 { return UInt64(littleEndian: b.loadUnaligned(as: UInt64.self)) }
    if n >= 4 {
      let low = UInt64(UInt32(littleEndian: b.loadUnaligned(as: UInt32.self)))
      let high = UInt64(UInt32(littleEndian: b.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
      return low | high << UInt64((n - 4) * 8)
    }
    if n >= 2 {
      let low = UInt64(UInt16(littleEndian: b.loadUnaligned(as: UInt16.self)))
      let high = UInt64(UInt16(littleEndian: b.loadUnaligned(fromByteOffset: n - 2, as: UInt16.self)))
      return low | high << UInt64((n - 2) * 8)
    }
    return n == 1 ? UInt64(b.load(as: UInt8.self)) : 0
  }
}

extension FrozenByteKeyTable {
  /// A `FrozenByteKeyTable`'s slots, keys and arena, held by value (see `lookup`).
  struct Lookup: @unchecked Sendable {
    fileprivate let slots: UnsafeMutablePointer<Slot>
    fileprivate let mask: Int
    /// Per id: the key's start in the arena (low 32 bits) and its length (high 32 bits).
    fileprivate let keys: UnsafeMutablePointer<UInt64>
    fileprivate let arena: UnsafeMutableRawPointer
    /// Keys of one to eight letters a-z, by `head(of:)`, in buckets of four aligned slots.
    fileprivate let letterSlots: UnsafeMutablePointer<LetterSlot>
    fileprivate let letterMask: Int

    /// A look-up in a table with no keys, for a tokenizer without a word table: it finds
    /// nothing, as no table would, without a branch on the table's presence per word.
    static let empty: Lookup = {
      let slot = UnsafeMutablePointer<Slot>.allocate(capacity: 1)
      slot.initialize(to: Slot(head: 0, meta: 0, id: -1))
      let letterSlot = UnsafeMutablePointer<LetterSlot>.allocate(capacity: 4)
      letterSlot.initialize(repeating: LetterSlot(bits: .zero), count: 4)
      return Lookup(
        slots: slot, mask: 0, keys: .allocate(capacity: 1), arena: .allocate(byteCount: 1, alignment: 8),
        letterSlots: letterSlot, letterMask: 3)
    }()

    @inline(__always)
    fileprivate func key(_ id: Int32) -> UnsafeRawBufferPointer {
      let info = keys[Int(id)]
      return UnsafeRawBufferPointer(
        start: arena + Int(truncatingIfNeeded: info & 0xffff_ffff), count: Int(truncatingIfNeeded: info >> 32))
    }

    /// The id of a key of one to eight letters a-z given as its zero-padded little-endian
    /// word (`head(of:)` of the key), or -1: the tokenizer's look-up of its common words, which
    /// never touches the folded bytes again.
    ///
    /// About half the words of a text are in the lexicon, so a branch on "found" or on an
    /// empty slot would be mispredicted often: the four slots of the key's bucket (one cache
    /// line) are compared and resolved with selects, and only a bucket flagged `probeOn`
    /// (rare at this load factor) takes the loop.
    @inline(__always)
    func find(letters head: UInt64) -> Int32 {
      let i = FrozenByteKeyTable.letterIndex(head) & letterMask & ~3
      let bucket = letterSlots + i
      if bucket[0].probeOn { return probe(head, from: i) }
      // At most one slot holds the key: OR the hit's id + 1 (0 for a miss).
      var found: Int32 = 0
      for k in 0..<4 {
        let slot = bucket[k]
        found |= slot.head == head ? slot.id &+ 1 : 0
      }
      return found &- 1
    }

    /// The linear probe of `find(letters:)` from bucket start `i` to the key or an empty slot.
    @inline(never)
    private func probe(_ head: UInt64, from i: Int) -> Int32 {
      var k = i
      while true {
        let slot = letterSlots[k]
        if slot.head == 0 { return -1 }
        if slot.head == head { return slot.id }
        k = (k &+ 1) & letterMask
      }
    }

    /// The id of `key` (whose `TokenHash` is `hash`), or -1.
    @inline(__always)
    func find(hash: UInt64, key: UnsafeRawBufferPointer) -> Int32 {
      let head = FrozenByteKeyTable.head(of: key)
      let meta = FrozenByteKeyTable.meta(hash, key.count)
      var i = ByteKeyTable.slotIndex(hash) & mask
      while true {
        let slot = slots[i]
        if slot.id < 0 { return -1 }
        if slot.meta == meta && slot.head == head && (key.count <= 8 || restEquals(slot.id, key)) { return slot.id }
        i = (i &+ 1) & mask
      }
    }

    /// Whole-key equality for keys longer than eight bytes.
    private func restEquals(_ id: Int32, _ key: UnsafeRawBufferPointer) -> Bool {
      let stored = self.key(id)
      guard stored.count == key.count, let a = stored.baseAddress, let b = key.baseAddress else { return false }
      var i = 0
      while i + 8 < key.count {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
          return false
        }
        i &+= 8
      }
      let last = key.count - 8
      return a.loadUnaligned(fromByteOffset: last, as: UInt64.self) == b.loadUnaligned(fromByteOffset: last, as: UInt64.self)
    }
  }
}
