/// A read-only copy of a `ByteKeyTable` in raw memory, for the hot loops.
///
/// Each 16-byte slot holds the key's first eight bytes, a hash tag with the key's length and
/// the id, so a look-up of a key of up to eight bytes touches one cache line: no separate
/// key array or arena to fetch. Longer keys compare the rest in the arena. Never reads
/// outside the caller's key, so any buffer is safe.
///
/// Keys of one to eight letters a-z (most of a lexicon, and every short word of the
/// tokenizer's fast path) are also in a second index, keyed by the zero-padded 64-bit word
/// alone (no letter is zero, so it implies the length): a cuckoo table of one-key slots, where
/// each key lies in one of two slots picked by one multiply. The tokenizer finds its words
/// there from the 64-bit word it folded with two compares and two selects: no probe loop and
/// no branch on what it finds. Keys of nine to sixteen letters have an index of the same kind,
/// keyed by their two zero-padded words (`findLong`), for the tokenizer's long words.
final class FrozenByteKeyTable: @unchecked Sendable {
  /// A slot of the short-word index (16 bytes: a slot's offset is its index shifted by 4).
  fileprivate struct LetterSlot {
    /// The key's bytes, zero-padded (`head(of:)`); 0 for an empty slot, which no key matches.
    var head: UInt64
    /// The id (sign-extended) XOR the head: a look-up that finds the head gets the id back
    /// with one XOR of the key it holds (see `Letters.find`).
    var idXorHead: UInt64
    init(head: UInt64, id: Int32) {
      self.head = head
      idXorHead = UInt64(bitPattern: Int64(id)) ^ head
    }
  }

  /// A slot of the long-word index (32 bytes): a key of nine to sixteen letters as its first
  /// eight bytes and the rest zero-padded; `head` 0 for an empty slot.
  fileprivate struct LongLetterSlot {
    var head: UInt64
    var tail: UInt64
    /// The id (sign-extended) XOR the tail (see `Lookup.findLong`).
    var idXorTail: UInt64
    var unused: UInt64 = 0
    init(head: UInt64, tail: UInt64, id: Int32) {
      self.head = head
      self.tail = tail
      idXorTail = UInt64(bitPattern: Int64(id)) ^ tail
    }
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
  /// `lookup` in memory of its own, for a scanner that holds the table by one pointer (copying
  /// the whole `Lookup` into its state would cost each text the copy).
  let lookupPointer: UnsafePointer<Lookup>

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
    var longKeys: [LongLetterSlot] = []
    for id in 0..<keys.count {
      let info = keys[id]
      let key = UnsafeRawBufferPointer(
        start: bytes + Int(truncatingIfNeeded: info & 0xffff_ffff), count: Int(truncatingIfNeeded: info >> 32))
      guard (1...16).contains(key.count) && key.allSatisfy({ $0 &- UInt8(ascii: "a") < 26 }) else { continue }
      if key.count <= 8 {
        letterKeys.append((FrozenByteKeyTable.head(of: key), Int32(id)))
      } else {
        let tail = FrozenByteKeyTable.head(of: UnsafeRawBufferPointer(rebasing: key[8...]))
        longKeys.append(LongLetterSlot(head: FrozenByteKeyTable.head(of: key), tail: tail, id: Int32(id)))
      }
    }
    let (letterSlots, letterOffsetMask) = FrozenByteKeyTable.cuckooIndex(
      letterKeys.map { LetterSlot(head: $0.head, id: $0.id) }, empty: LetterSlot(head: 0, id: -1),
      isEmpty: { $0.head == 0 },
      offsets: { FrozenByteKeyTable.letterOffsets($0.head) })
    let (longSlots, longOffsetMask) = FrozenByteKeyTable.cuckooIndex(
      longKeys, empty: LongLetterSlot(head: 0, tail: 0, id: -1), isEmpty: { $0.head == 0 },
      offsets: { FrozenByteKeyTable.letterOffsets(FrozenByteKeyTable.longMix($0.head, $0.tail)) })
    lookup = Lookup(
      slots: slots, mask: size - 1, keys: packedKeys, arena: bytes, letterSlots: letterSlots,
      letterOffsetMask: letterOffsetMask, longSlots: longSlots, longOffsetMask: longOffsetMask)
    let stored = UnsafeMutablePointer<Lookup>.allocate(capacity: 1)
    stored.initialize(to: lookup)
    lookupPointer = UnsafePointer(stored)
    for id in 0..<keys.count {
      let key = lookup.key(Int32(id))
      let hash = ByteKeyTable.hash(key)
      var i = ByteKeyTable.slotIndex(hash) & lookup.mask
      while slots[i].id >= 0 { i = (i + 1) & lookup.mask }
      slots[i] = Slot(
        head: FrozenByteKeyTable.head(of: key), meta: FrozenByteKeyTable.meta(hash, key.count), id: Int32(id))
    }
  }

  deinit {
    lookup.slots.deallocate()
    lookup.keys.deallocate()
    lookup.arena.deallocate()
    UnsafeMutableRawPointer(lookup.letterSlots).deallocate()
    UnsafeMutableRawPointer(lookup.longSlots).deallocate()
    UnsafeMutablePointer(mutating: lookupPointer).deallocate()
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

  /// The multiplier whose 128-bit product with a letter key gives its two slots.
  fileprivate static let letterMultiplier: UInt64 = 0x9e37_79b9_7f4a_7c15

  /// The byte offsets (before the mask) of a letter key's two slots: the high and low halves
  /// of one full-width multiply, XOR-ed, so that every bit depends on every letter; the low
  /// half of the mix gives the first slot, the high half the second.
  @inline(__always)
  fileprivate static func letterOffsets(_ head: UInt64) -> (Int, Int) {
    let product = head.multipliedFullWidth(by: letterMultiplier)
    let mix = product.high ^ product.low
    return (Int(truncatingIfNeeded: mix), Int(truncatingIfNeeded: mix >> 32))
  }

  /// The two words of a long key (`LongLetterSlot`) as one for `letterOffsets`.
  @inline(__always)
  fileprivate static func longMix(_ head: UInt64, _ tail: UInt64) -> UInt64 { head ^ tail &* 0xff51_afd7_ed55_8ccd }

  /// A word index of `keys` (distinct slots, none empty): a cuckoo table with at least three
  /// slots per key, each key in one of its two slots (`offsets`, byte offsets before the mask).
  /// A placement that cycles (rare at this load) doubles the table and starts over. Returns
  /// the slots, aligned to their size, and the mask of a slot's byte offset.
  private static func cuckooIndex<S>(
    _ keys: [S], empty: S, isEmpty: (S) -> Bool, offsets: (S) -> (Int, Int)
  ) -> (UnsafeMutablePointer<S>, Int) {
    let stride = MemoryLayout<S>.stride
    var count = 16
    while count < keys.count * 3 { count <<= 1 }
    while true {
      let slots = UnsafeMutableRawPointer.allocate(byteCount: count * stride, alignment: stride)
        .bindMemory(to: S.self, capacity: count)
      slots.initialize(repeating: empty, count: count)
      let offsetMask = (count - 1) * stride
      func place(_ key: S) -> Bool {
        var key = key
        var offset = offsets(key).0 & offsetMask
        for _ in 0..<(4 * count) {
          swap(&key, &slots[offset / stride])
          if isEmpty(key) { return true }
          // `key` was evicted from `offset`: it moves to its other slot.
          let (a, b) = offsets(key)
          offset = a & offsetMask == offset ? b & offsetMask : a & offsetMask
        }
        return false
      }
      if keys.allSatisfy(place) { return (slots, offsetMask) }
      slots.deinitialize(count: count)
      UnsafeMutableRawPointer(slots).deallocate()
      precondition(count < 1 << 28, "FrozenByteKeyTable: no cuckoo placement for the letter keys")
      count <<= 1
    }
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
    /// Keys of one to eight letters a-z, by `head(of:)`, each in one of its two slots.
    fileprivate let letterSlots: UnsafeMutablePointer<LetterSlot>
    /// The slot count minus one, times the slot size: masks a byte offset into `letterSlots`.
    fileprivate let letterOffsetMask: Int
    /// Keys of nine to sixteen letters a-z, each in one of its two slots (`findLong`).
    fileprivate let longSlots: UnsafeMutablePointer<LongLetterSlot>
    fileprivate let longOffsetMask: Int

    /// A look-up in a table with no keys, for a tokenizer without a word table: it finds
    /// nothing, as no table would, without a branch on the table's presence per word.
    static let empty: Lookup = {
      let slot = UnsafeMutablePointer<Slot>.allocate(capacity: 1)
      slot.initialize(to: Slot(head: 0, meta: 0, id: -1))
      let letterSlot = UnsafeMutablePointer<LetterSlot>.allocate(capacity: 1)
      letterSlot.initialize(to: LetterSlot(head: 0, id: -1))
      let longSlot = UnsafeMutablePointer<LongLetterSlot>.allocate(capacity: 1)
      longSlot.initialize(to: LongLetterSlot(head: 0, tail: 0, id: -1))
      return Lookup(
        slots: slot, mask: 0, keys: .allocate(capacity: 1), arena: .allocate(byteCount: 1, alignment: 8),
        letterSlots: letterSlot, letterOffsetMask: 0, longSlots: longSlot, longOffsetMask: 0)
    }()

    /// `empty` in memory of its own (see `FrozenByteKeyTable.lookupPointer`).
    nonisolated(unsafe) static let emptyPointer: UnsafePointer<Lookup> = {
      let stored = UnsafeMutablePointer<Lookup>.allocate(capacity: 1)
      stored.initialize(to: empty)
      return UnsafePointer(stored)
    }()

    @inline(__always)
    fileprivate func key(_ id: Int32) -> UnsafeRawBufferPointer {
      let info = keys[Int(id)]
      return UnsafeRawBufferPointer(
        start: arena + Int(truncatingIfNeeded: info & 0xffff_ffff), count: Int(truncatingIfNeeded: info >> 32))
    }

    /// The short-word index alone, for a loop that keeps it in two registers.
    var letters: Letters { Letters(slots: UnsafeRawPointer(letterSlots), offsetMask: letterOffsetMask) }

    /// The id of a key of one to eight letters a-z given as its zero-padded little-endian
    /// word (`head(of:)` of the key), or -1 (see `Letters.find`).
    @inline(__always)
    func find(letters head: UInt64) -> Int32 { letters.find(head) }

    /// The id of a key of nine to sixteen letters a-z given as its first eight bytes (`head`)
    /// and the rest zero-padded (`tail`), or -1: both slots read and resolved with selects, as
    /// in `Letters.find`.
    @inline(__always)
    static func findLong(in lookup: UnsafePointer<Lookup>, head: UInt64, tail: UInt64) -> Int32 {
      let slots = UnsafeRawPointer(lookup.pointee.longSlots)
      let offsetMask = lookup.pointee.longOffsetMask
      let (a, b) = FrozenByteKeyTable.letterOffsets(FrozenByteKeyTable.longMix(head, tail))
      let first = slots.load(fromByteOffset: a & offsetMask, as: LongLetterSlot.self)
      let second = slots.load(fromByteOffset: b & offsetMask, as: LongLetterSlot.self)
      // Both words compared with one test (an `&&` of two compares becomes branches).
      let missFirst: UInt64 = (first.head ^ head) | (first.tail ^ tail) == 0 ? 0 : ~0
      let missSecond: UInt64 = (second.head ^ head) | (second.tail ^ tail) == 0 ? 0 : ~0
      return Int32(truncatingIfNeeded: (first.idXorTail ^ tail | missFirst) & (second.idXorTail ^ tail | missSecond))
    }

    /// The id of `key` (whose `TokenHash` is `hash`), or -1.
    @inline(__always)
    func find(hash: UInt64, key: UnsafeRawBufferPointer) -> Int32 {
      withUnsafePointer(to: self) { Lookup.find(in: $0, hash: hash, head: FrozenByteKeyTable.head(of: key), key: key) }
    }

    /// `find(hash:key:)` for a caller that holds the look-up by pointer and has the key's head
    /// (`head(of:)`) at hand: reads only the fields it needs (a call on `pointee` copies the
    /// whole `Lookup` to the stack first).
    @inline(__always)
    static func find(in lookup: UnsafePointer<Lookup>, hash: UInt64, head: UInt64, key: UnsafeRawBufferPointer) -> Int32
    {
      let slots = lookup.pointee.slots
      let mask = lookup.pointee.mask
      let meta = FrozenByteKeyTable.meta(hash, key.count)
      var i = ByteKeyTable.slotIndex(hash) & mask
      while true {
        let slot = slots[i]
        if slot.id < 0 { return -1 }
        if slot.meta == meta && slot.head == head && (key.count <= 8 || lookup.pointee.restEquals(slot.id, key)) {
          return slot.id
        }
        i = (i &+ 1) & mask
      }
    }

    /// Whole-key equality for keys longer than eight bytes.
    fileprivate func restEquals(_ id: Int32, _ key: UnsafeRawBufferPointer) -> Bool {
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
      return a.loadUnaligned(fromByteOffset: last, as: UInt64.self)
        == b.loadUnaligned(fromByteOffset: last, as: UInt64.self)
    }
  }

  /// A `FrozenByteKeyTable`'s short-word index, held by value (see `Lookup.letters`).
  struct Letters: @unchecked Sendable {
    fileprivate let slots: UnsafeRawPointer
    /// The slot count minus one, times the slot size.
    fileprivate let offsetMask: Int

    /// The id of a key of one to eight letters a-z given as its zero-padded little-endian
    /// word (`head(of:)` of the key), or -1: the tokenizer's look-up of its common words, which
    /// never touches the folded bytes again.
    ///
    /// About half the words of a text are in the lexicon, so a branch on "found" would be
    /// mispredicted often: the key's two slots are both read and resolved with selects (at
    /// most one holds the key; an empty slot's head, 0, is no key's), AND-ing the hit's id
    /// into all ones.
    @inline(__always)
    func find(_ head: UInt64) -> Int32 {
      let (a, b) = FrozenByteKeyTable.letterOffsets(head)
      let first = slots.load(fromByteOffset: a & offsetMask, as: LetterSlot.self)
      let second = slots.load(fromByteOffset: b & offsetMask, as: LetterSlot.self)
      // All ones unless the slot holds the key, then 0. OR-ed into a value computed from the
      // slot (not a bare load) these stay selects (cmov); written as `?:` on the loaded ids,
      // the compiler makes branches of them. (In an innermost loop, LLVM's x86 cmov
      // conversion may still branch; the tokenizer's word loop holds an inner one, `load8`'s.)
      let missFirst: UInt64 = first.head == head ? 0 : ~0
      let missSecond: UInt64 = second.head == head ? 0 : ~0
      return Int32(truncatingIfNeeded: (first.idXorHead ^ head | missFirst) & (second.idXorHead ^ head | missSecond))
    }
  }
}
